import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The bench stack's services as processes: stopped, killed and started again the way
/// scripts/stack.sh starts them (its <service>.env and .pid files in the run folder, the
/// binaries beside kamctl), for the backlog and crash modes of `kamctl bench`.
struct StackProcesses {
    static let services = ["orders", "credit", "receivables", "planning"]
    let runDir: String

    func pid(_ name: String) -> Int32? {
        guard let text = try? String(contentsOfFile: "\(runDir)/\(name).pid", encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func isRunning(_ name: String) -> Bool { pid(name).map { kill($0, 0) == 0 } ?? false }

    /// SIGTERM (a clean stop: batch finished, offsets committed) or SIGKILL, then waits until gone.
    func stop(_ names: [String], signal: Int32 = SIGTERM, timeout: Duration = .seconds(40)) async throws {
        let pids = names.compactMap { name in pid(name).map { (name, $0) } }
        for (_, pid) in pids { kill(pid, signal) }
        for (name, pid) in pids {
            // A child of stack.sh is reaped by init; ours by waitpid in `start`'s reaper.
            guard await eventually(timeout: timeout, every: .milliseconds(50), { kill(pid, 0) != 0 || Self.isZombie(pid) }) else {
                throw CLIError("\(name) (pid \(pid)) did not stop within \(timeout)")
            }
        }
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    /// Starts the services with their env files (as stack.sh does), logging to <service>.log.
    func start(_ names: [String]) throws {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        for name in names {
            let envText = try String(contentsOfFile: "\(runDir)/\(name).env", encoding: .utf8)
            var environment = ProcessInfo.processInfo.environment
            environment.merge(StackEnv.parse(envText)) { _, file in file }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "\(bin)/\(name)")
            process.environment = environment
            let log = "\(runDir)/\(name).log"
            if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try "\(process.processIdentifier)\n".write(toFile: "\(runDir)/\(name).pid", atomically: true, encoding: .utf8)
        }
    }

    /// Waits until every named service answers /health/ready with 200.
    func waitReady(_ names: [String], timeout: Duration = .seconds(90)) async throws {
        for name in names {
            let env = StackEnv.parse((try? String(contentsOfFile: "\(runDir)/\(name).env", encoding: .utf8)) ?? "")
            guard let port = env["HTTP_PORT"] else { throw CLIError("no HTTP_PORT in \(runDir)/\(name).env") }
            let url = URL(string: "http://127.0.0.1:\(port)/health/ready")!
            let ready = await eventually(timeout: timeout, every: .milliseconds(100)) {
                var request = URLRequest(url: url)
                request.timeoutInterval = 2
                let status = try? await URLSession.shared.data(for: request).1 as? HTTPURLResponse
                return status?.statusCode == 200
            }
            if !ready { throw CLIError("\(name) was not ready within \(timeout)") }
        }
    }
}

/// CPU time of the stack's processes, from /proc (clock ticks of user + system time).
struct CPUSample {
    let seconds: [String: Double]

    static func take(runDir: String?) -> CPUSample {
        guard let runDir else { return CPUSample(seconds: [:]) }
        var seconds: [String: Double] = [:]
        for name in StackProcesses.services + ["broker"] {
            if let pid = StackProcesses(runDir: runDir).pid(name), let t = cpu(pid) { seconds[name] = t }
        }
        if let text = try? String(contentsOfFile: "\(runDir)/pg/db/postmaster.pid", encoding: .utf8),
           let postmaster = Int32(text.split(separator: "\n").first ?? "") {
            seconds["postgresql"] = postgresCPU(postmaster)
        }
        return CPUSample(seconds: seconds)
    }

    /// Seconds of CPU a process used (utime + stime), nil when it is gone.
    static func cpu(_ pid: Int32, children: Bool = false) -> Double? {
        guard let fields = statFields(pid), fields.count > 14 else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        if children { total += (Double(fields[13]) ?? 0) + (Double(fields[14]) ?? 0) }
        return total / ticks
    }

    /// The fields after the command name (field 3 onwards) of /proc/<pid>/stat.
    static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    /// The postmaster and every backend it runs, plus backends that already ended.
    static func postgresCPU(_ postmaster: Int32) -> Double {
        var total = cpu(postmaster, children: true) ?? 0
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(pid), fields.count > 1, Int32(fields[1]) == postmaster else { continue }
            total += cpu(pid) ?? 0
        }
        return total
    }

    /// CPU seconds used since `earlier`, per process.
    func since(_ earlier: CPUSample) -> [String: Double] {
        seconds.reduce(into: [:]) { result, entry in
            if let before = earlier.seconds[entry.key], entry.value >= before { result[entry.key] = entry.value - before }
        }
    }
}
