import Foundation

/// Peak resident memory of the stack's processes, from their pid files and /proc.
enum ProcessStats {
    /// VmHWM (peak RSS) in kB of the process whose pid is in `pidFile`, nil when unreadable.
    static func peakRSSKilobytes(pidFile: String) -> Int? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// The stack's run folder: .run/dev beside the stack.env `make up` wrote, or the folder
    /// holding a stack's own stack.env (.run/bench/stack.env).
    static func defaultRunDir() -> String? {
        guard let path = StackEnv.load().path else { return nil }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        return dir.lastPathComponent == ".run" ? dir.appendingPathComponent("dev").path : dir.path
    }
}

/// Nearest-rank percentiles of durations.
struct Percentiles {
    private let sorted: [Duration]

    init(_ values: [Duration]) { sorted = values.sorted() }

    func value(_ p: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func ms(_ d: Duration) -> String {
        let value = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return value < 100 ? String(format: "%.1f ms", value) : String(format: "%.0f ms", value)
    }
}
