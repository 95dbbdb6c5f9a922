import Foundation
import Testing
@testable import Contracts

/// docs/contracts/asyncapi.yaml against the Codable types: every example message is decoded
/// and encoded again by the platform's own types, and scripts/check_contracts.py validates
/// what they produce against the document (and that every field sent is declared, and every
/// topic of the registry is a channel with its message types). So the document cannot drift.
@Suite(.enabled(if: AsyncApiCheck.available))
struct AsyncApiTests {
    @Test("the AsyncAPI document describes every topic and every message exactly as the platform encodes them")
    func documentMatchesTheCode() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kam-contracts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = Topics.all.map { ["topic": $0.name, "types": $0.messageTypes] as [String: Any] }
        try JSONSerialization.data(withJSONObject: registry).write(to: dir.appendingPathComponent("registry.json"))
        for (n, example) in Fixtures.examples.enumerated() {
            let message = try InboundMessage.decode(topic: example.topic, value: example.value)
            try Data(try Self.encode(message)).write(to: dir.appendingPathComponent("\(example.topic)__\(example.type)__\(n).json"))
        }
        let (status, output) = try AsyncApiCheck.run(examples: dir.path)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(Fixtures.examples.count) examples"), "\(output)")
    }

    static func encode(_ message: InboundMessage) throws -> [UInt8] {
        switch message {
        case .clientUpserted(let e): try e.jsonBytes()
        case .priceListPublished(let e): try e.jsonBytes()
        case .orderPlaced(let e): try e.jsonBytes()
        case .orderCancelled(let e): try e.jsonBytes()
        case .orderCompleted(let e): try e.jsonBytes()
        case .invoiceIssued(let e): try e.jsonBytes()
        case .paymentReceived(let e): try e.jsonBytes()
        case .creditNoteIssued(let e): try e.jsonBytes()
        case .orderConfirmed(let e): try e.jsonBytes()
        case .orderOnHold(let e): try e.jsonBytes()
        case .orderRejected(let e): try e.jsonBytes()
        case .dunningNoticeIssued(let e): try e.jsonBytes()
        case .deadLetter(let e): try e.jsonBytes()
        case .creditCheckRequested(let e): try e.jsonBytes()
        case .creditCheckDecided(let e): try e.jsonBytes()
        case .clientOpenItemsChanged(let e): try e.jsonBytes()
        }
    }
}

/// Runs scripts/check_contracts.py with the python3 on PATH (PyYAML and jsonschema: scripts/setup.sh).
enum AsyncApiCheck {
    static var root: String {
        ProcessInfo.processInfo.environment["KAM_TEST_ROOT"] ?? FileManager.default.currentDirectoryPath
    }

    static var available: Bool {
        FileManager.default.fileExists(atPath: root + "/scripts/check_contracts.py")
    }

    static func run(examples: String) throws -> (Int32, String) {
        let out = Pipe()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root + "/scripts/check_contracts.py", root + "/docs/contracts/asyncapi.yaml", examples]
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
