import Foundation
import Logging

/// One JSON object per line on stderr: what log shippers parse without configuration.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let service: String

    public init(label: String, service: String, level: Logger.Level) {
        self.label = label
        self.service = service
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": Self.timestamp(), "level": event.level.rawValue, "service": service,
            "logger": label, "msg": "\(event.message)",
        ]
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[k] = "\(v)"
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        LogWriter.shared.write(line)
    }

    // ISO8601DateFormatter is thread-safe for formatting once configured.
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    private static func timestamp() -> String { formatter.string(from: Date()) }
}

/// Writes log lines to stderr on a thread of its own, so a slow or blocked stderr never
/// holds up a thread of Swift's cooperative pool. Past `maxPending` unwritten lines, new
/// ones are dropped and counted, and the count is written once stderr catches up.
public final class LogWriter: @unchecked Sendable {
    public static let shared = LogWriter()
    private let queue = DispatchQueue(label: "kam.log-writer")
    private let lock = NSLock()
    private var pending = 0
    private var dropped = 0
    private let maxPending = 50_000

    func write(_ line: Data) {
        let accepted = lock.withLock { () -> Bool in
            if pending >= maxPending {
                dropped += 1
                return false
            }
            pending += 1
            return true
        }
        guard accepted else { return }
        queue.async { [self] in
            FileHandle.standardError.write(line)
            let lost = lock.withLock { () -> Int in
                pending -= 1
                guard pending == 0 else { return 0 }
                defer { dropped = 0 }
                return dropped
            }
            if lost > 0 {
                FileHandle.standardError.write(Data("{\"level\":\"warning\",\"msg\":\"\(lost) log lines dropped: stderr was too slow\"}\n".utf8))
            }
        }
    }

    /// Waits until every accepted line is written (before the process exits).
    public func flush() { queue.sync {} }
}
