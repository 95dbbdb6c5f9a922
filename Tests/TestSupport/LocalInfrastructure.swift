import Foundation
import ServiceKit

/// A broker or PostgreSQL cluster of a test's own, for tests that stop, kill and restart
/// them (fault injection) without disturbing the shared ones other tests use. Started with
/// the same scripts/lib.sh functions as `make up`, in a folder under KAM_TEST_RUN_DIR that
/// `make test` cleans up whatever happens.
public enum LocalInfrastructure {
    static var root: String? { ProcessInfo.processInfo.environment["KAM_TEST_ROOT"] }
    static var runDir: String? { ProcessInfo.processInfo.environment["KAM_TEST_RUN_DIR"] }

    /// True under `make test`, which exports where lib.sh and the run folder are.
    public static var isAvailable: Bool { root != nil && runDir != nil }

    /// Runs lib.sh functions in bash; throws with the output when they fail. Waits by
    /// polling, never with `waitUntilExit`, which blocks a thread of the concurrency pool.
    static func shell(_ commands: String) async throws {
        guard let root else { throw LocalInfrastructureError("KAM_TEST_ROOT is not set: run `make test`") }
        // Output goes to a file, not a pipe: a server started here keeps inherited descriptors
        // open, and a pipe would never reach its end.
        let log = NSTemporaryDirectory() + "kam-shell-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "set -euo pipefail; STACK_NAME=fault; source \"\(root)/scripts/lib.sh\"; \(commands)"]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let status = try await exitStatus(of: p)
        try? handle.close()
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw LocalInfrastructureError("\(commands) failed: \(output)")
        }
    }

    /// Reaps the child itself: Foundation's own watch can miss a child that exits at once,
    /// leaving a zombie and `isRunning` true for ever.
    public static func exitStatus(of p: Process) async throws -> Int32 {
        let pid = p.processIdentifier
        while true {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            if r == -1 && errno == ECHILD {
                // Foundation reaped it first and knows the status.
                while p.isRunning { try await Task.sleep(for: .milliseconds(20)) }
                return p.terminationStatus
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func makeRunDir(_ kind: String) throws -> String {
        guard let runDir else { throw LocalInfrastructureError("KAM_TEST_RUN_DIR is not set: run `make test`") }
        let dir = "\(runDir)/fault-\(kind)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

public struct LocalInfrastructureError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

/// An in-memory broker on a port of its own. A restart loses every topic and offset, as
/// the local broker always does.
public final class LocalBroker: Sendable {
    public let port: Int
    let dir: String

    public init() throws {
        port = freePort()
        dir = try LocalInfrastructure.makeRunDir("broker")
    }

    public var bootstrap: String { "127.0.0.1:\(port)" }

    public func start() async throws { try await LocalInfrastructure.shell("broker_start '\(dir)' \(port)") }
    public func stop() async throws { try await LocalInfrastructure.shell("stop_pidfile '\(dir)/broker.pid' 5") }
}

/// A PostgreSQL cluster on a port of its own that can be killed (`pg_ctl stop -m
/// immediate`, as a crash) and started again with its data.
public final class LocalPostgres: Sendable {
    public let port: Int
    public let password = UUID().uuidString.replacingOccurrences(of: "-", with: "")
    let dir: String

    public init() throws {
        port = freePort()
        dir = try LocalInfrastructure.makeRunDir("pg")
    }

    public var adminURL: DatabaseURL {
        DatabaseURL(host: "127.0.0.1", port: port, username: "kam_admin", password: password, database: "kam")
    }

    public func start() async throws { try await LocalInfrastructure.shell("pg_start '\(dir)' \(port) '\(password)'") }
    public func kill() async throws { try await LocalInfrastructure.shell("pg_kill '\(dir)'") }
    public func resume() async throws { try await LocalInfrastructure.shell("pg_resume '\(dir)' \(port)") }
    public func destroy() async throws { try await LocalInfrastructure.shell("pg_destroy '\(dir)'; rm -rf '\(dir)'") }
}

/// A free TCP port on loopback (bound and released), never the same one twice per run.
public func freePort() -> Int {
    while true {
        let port = probeFreePort()
        if handedOut.insert(port) { return port }
    }
}

private let handedOut = PortSet()

private final class PortSet: @unchecked Sendable {
    private let lock = NSLock()
    private var ports = Set<Int>()
    func insert(_ p: Int) -> Bool { lock.withLock { ports.insert(p).inserted } }
}

private func probeFreePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}
