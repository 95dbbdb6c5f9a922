import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// One real service executable, started with its environment, logging to a file.
final class ServiceProcess: @unchecked Sendable {
    let name: String
    /// The executable, when several processes run one (two credit instances).
    let executable: String
    let port: Int
    let environment: [String: String]
    let logURL: URL
    private var process: Process?

    init(name: String, executable: String? = nil, port: Int, environment: [String: String], logDir: URL) {
        self.name = name
        self.executable = executable ?? name
        self.port = port
        self.environment = environment
        self.logURL = logDir.appendingPathComponent("\(name).log")
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var pid: Int32? { process?.processIdentifier }

    func start() throws {
        guard let bin = TestStack.binDir else { throw E2EError("KAM_TEST_BIN_DIR is not set: run `make test`") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin).appendingPathComponent(executable)
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            .merging(["HTTP_PORT": String(port), "HTTP_HOST": "127.0.0.1"]) { _, new in new }
        if !FileManager.default.fileExists(atPath: logURL.path) {
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        p.standardOutput = log
        p.standardError = log
        try p.run()
        process = p
    }

    /// SIGTERM and wait: the graceful path.
    func stop() async {
        guard let p = process, p.isRunning else { return }
        p.terminate()
        for _ in 0..<300 where p.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        process = nil
    }

    /// SIGTERM, then the exit status once the process ended (nil if it had to be killed).
    func terminate(timeout: Duration = .seconds(30)) async -> Int32? {
        guard let p = process else { return nil }
        p.terminate()
        let deadline = ContinuousClock.now + timeout
        while p.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            return nil
        }
        process = nil
        return p.terminationStatus
    }

    /// SIGKILL: no shutdown code runs at all.
    func crash() async {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        for _ in 0..<100 where p.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        process = nil
    }

    var isRunning: Bool { process?.isRunning ?? false }
    var exitCode: Int32? { process.flatMap { $0.isRunning ? nil : $0.terminationStatus } }

    func waitReady(timeout: Duration = .seconds(60)) async throws {
        let ready = try await TestStack.eventually(timeout: timeout, every: .milliseconds(200)) {
            guard isRunning else { return false }
            return (try? await HTTP.get("\(baseURL)/health/ready").status) == 200
        }
        if !ready {
            let tail = (try? String(contentsOf: logURL, encoding: .utf8))?.split(separator: "\n").suffix(30).joined(separator: "\n") ?? ""
            throw E2EError("\(name) did not become ready:\n\(tail)")
        }
    }

    func logText() -> String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Minimal HTTP client for the tests (URLSession over loopback).
enum HTTP {
    struct Reply: Sendable {
        let status: Int
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func get(_ url: String, token: String? = nil) async throws -> Reply {
        try await send("GET", url, token: token, body: nil)
    }

    /// POST or PUT a JSON object.
    static func send(_ method: String, _ url: String, token: String?, json: [String: Any]) async throws -> Reply {
        try await send(method, url, token: token, body: try JSONSerialization.data(withJSONObject: json))
    }

    static func send(_ method: String, _ url: String, token: String?, body: Data?) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}
