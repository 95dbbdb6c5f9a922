import Foundation

/// Settings of the local stack: the process environment first, then `.run/stack.env`
/// (plain KEY=VALUE lines written by `make up`), found in the current directory or
/// a parent up to the repository root, so kamctl works from any folder of the clone.
/// KAM_STACK_ENV names another such file (`.run/containers/stack.env` of
/// `make up-containers`, `.run/bench/stack.env`).
struct StackEnv {
    let file: [String: String]
    let path: String?

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> StackEnv {
        guard let path = locate() else { return StackEnv(file: [:], path: nil) }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return StackEnv(file: parse(text), path: path)
    }

    /// The environment's value, else the file's; empty values count as unset.
    func value(_ key: String) -> String? {
        if let v = ProcessInfo.processInfo.environment[key], !v.isEmpty { return v }
        if let v = file[key], !v.isEmpty { return v }
        return nil
    }

    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return values
    }

    private static func locate() -> String? {
        let fm = FileManager.default
        if let named = ProcessInfo.processInfo.environment["KAM_STACK_ENV"], !named.isEmpty {
            return fm.fileExists(atPath: named) ? named : nil
        }
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(".run/stack.env").path
            if fm.fileExists(atPath: candidate) { return candidate }
            // The repository root ends the walk: a stack.env above it belongs to something else.
            let isRoot = ["Package.swift", ".git"].contains { fm.fileExists(atPath: dir.appendingPathComponent($0).path) }
            let parent = dir.deletingLastPathComponent()
            if isRoot || parent.path == dir.path { return nil }
            dir = parent
        }
    }
}
