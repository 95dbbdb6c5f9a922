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
        let registry = (Topics.all + Topics.operations).map { ["topic": $0.name, "types": $0.messageTypes] as [String: Any] }
        try JSONSerialization.data(withJSONObject: registry).write(to: dir.appendingPathComponent("registry.json"))
        for (n, example) in Fixtures.examples.enumerated() {
            let message = try InboundMessage.decode(topic: example.topic, value: example.value)
            try Data(try Self.encode(message)).write(to: dir.appendingPathComponent("\(example.topic)__\(example.type)__\(n).json"))
        }
        // kamctl's replay records have no SPEC example to decode: they are made by the type itself.
        for (n, replay) in Self.replays.enumerated() {
            let envelope = Envelope(occurredAt: replay.replayedAt, payload: replay)
            try Data(try envelope.jsonBytes()).write(
                to: dir.appendingPathComponent("\(Topics.deadLetterReplays.name)__\(DeadLetterReplayed.messageType)__\(n).json"))
        }
        let (status, output) = try AsyncApiCheck.run(examples: dir.path)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(Fixtures.examples.count + Self.replays.count) examples"), "\(output)")
    }

    /// With and without the optional key and reason.
    static let replays: [DeadLetterReplayed] = [
        DeadLetterReplayed(deadLetterId: "7d0c2b1e-0000-4000-8000-000000000009", service: "orders",
                           consumerGroup: "kam-orders", sourceTopic: "erp.orders.v1", sourcePartition: 3, sourceOffset: 1842,
                           key: "O-1", valueSize: 412, valueSha256: String(repeating: "ab", count: 32),
                           replayedBy: "ivanov", host: "ops-1", replayedAt: Date(timeIntervalSince1970: 1_796_000_000),
                           reason: "price list arrived late"),
        DeadLetterReplayed(deadLetterId: "7d0c2b1e-0000-4000-8000-000000000010", service: "credit",
                           consumerGroup: "kam-credit", sourceTopic: "erp.payments.v1", sourcePartition: 0, sourceOffset: 7,
                           key: nil, valueSize: 0, valueSha256: String(repeating: "0f", count: 32),
                           replayedBy: "uid 0", host: "ops-1", replayedAt: Date(timeIntervalSince1970: 1_796_000_100),
                           reason: nil),
    ]

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
