import Foundation

/// Reads configuration from environment variables and collects every problem, so a
/// misconfigured service names all of them at once instead of failing one restart at a time.
public struct Environment: Sendable {
    public let values: [String: String]
    private let problems = ProblemList()

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public func string(_ name: String, default fallback: String? = nil, help: String = "") -> String {
        if let v = values[name], !v.isEmpty { return v }
        if let fallback { return fallback }
        problems.add("\(name) is required\(help.isEmpty ? "" : " (\(help))")")
        return ""
    }

    public func optional(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func int(_ name: String, default fallback: Int, range: ClosedRange<Int> = 0...Int.max) -> Int {
        guard let raw = optional(name) else { return fallback }
        guard let v = Int(raw), range.contains(v) else {
            problems.add("\(name)=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
            return fallback
        }
        return v
    }

    public func bool(_ name: String, default fallback: Bool = false) -> Bool {
        guard let raw = optional(name)?.lowercased() else { return fallback }
        switch raw {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problems.add("\(name)=\(raw) is not a boolean (use 1/0, true/false)")
            return fallback
        }
    }

    public func fail(_ problem: String) { problems.add(problem) }

    /// Throws one error listing every problem found so far.
    public func validate() throws {
        let all = problems.all
        if !all.isEmpty { throw ConfigurationError(problems: all) }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

final class ProblemList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ p: String) { lock.withLock { items.append(p) } }
    var all: [String] { lock.withLock { items } }
}
