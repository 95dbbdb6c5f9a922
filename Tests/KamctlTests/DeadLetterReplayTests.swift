import Contracts
import Foundation
import Kafka
@testable import kamctl
import Testing
import TestSupport

/// `kamctl deadletters replay` against the real broker: dead letters as the services write
/// them (DeadLetter.make in the SPEC envelope) on a topic prefix of the test's own.
@Suite("Dead-letter replay against the real broker", .enabled(if: TestStack.isAvailable))
struct DeadLetterReplayTests {
    let prefix = TestStack.unique("replay") + "."
    var source: String { prefix + Topics.erpOrders.name }
    var deadLetters: String { prefix + Topics.deadLetter.name }

    /// Not JSON, not UTF-8, with a NUL: the bytes must come back exactly as they were.
    static let original: [UInt8] = Array(#"{"messageId": "m-1", "type": "OrderPlaced""#.utf8) + [0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x7d]

    /// Publishes dead letters of records of `source` and returns their ids.
    private func deadLetter(_ letters: [DeadLetter]) async throws -> [String] {
        let admin = try TestStack.admin()
        try await admin.createTopics([source, deadLetters], partitions: 1)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        let envelopes = letters.map { Envelope(occurredAt: $0.deadLetteredAt, payload: $0) }
        try await producer.send(try envelopes.map {
            ProducerRecord(topic: deadLetters, key: $0.payload.originalKeyBytes, value: try $0.jsonBytes())
        })
        await producer.close()
        return envelopes.map(\.messageId)
    }

    private func letter(key: [UInt8]?, value: [UInt8], offset: Int64, truncatedFrom size: Int? = nil) -> DeadLetter {
        var l = DeadLetter.make(service: "orders", consumerGroup: "kam-orders", topic: source, partition: 0, offset: offset,
                                key: key, value: value, error: "payload: not valid JSON", at: Date(timeIntervalSince1970: 1_790_000_000 + Double(offset)))
        if let size {
            l.originalValueTruncated = true
            l.originalSize = size
            l.originalSha256 = String(repeating: "ab", count: 32)
        }
        return l
    }

    private func replayer() -> DeadLetterReplayer {
        DeadLetterReplayer(config: TestStack.kafkaConfig(), topicPrefix: prefix)
    }

    @Test("a replay puts the exact original value and key back on the source topic, with its headers, and records who and when")
    func exactBytes() async throws {
        let ids = try await deadLetter([
            letter(key: Array("C-1001".utf8), value: Self.original, offset: 41),
            letter(key: nil, value: [0x00], offset: 42),
        ])
        let inventory = try await replayer().inventory()
        #expect(inventory.complete)
        #expect(inventory.entries.map(\.id) == ids)
        #expect(inventory.replays.isEmpty)

        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let outcome = try await replayer().replay(inventory.entries, by: "ops-anna", reason: "INC-7", host: "ops-1", now: at)
        #expect(outcome.refused.isEmpty)
        #expect(outcome.replayed.map(\.deadLetterId) == ids)

        let reader = try TopicReader(topics: [source])
        let records = try await reader.read(atLeast: 2, timeout: .seconds(20))
        #expect(try await reader.drain().count == 2)
        await reader.close()
        let keyed = try #require(records.first)
        #expect(keyed.value == Self.original)
        #expect(keyed.key == Array("C-1001".utf8))
        #expect(keyed.header(DeadLetterReplayer.replayOfHeader) == Array(ids[0].utf8))
        #expect(keyed.header(DeadLetterReplayer.replayedByHeader) == Array("ops-anna".utf8))
        #expect(keyed.header(DeadLetterReplayer.replayedAtHeader) == Array(WireJSON.format(at).utf8))
        let keyless = try #require(records.last)
        #expect(keyless.value == [0x00])
        #expect(keyless.key == nil)

        // The record of the replays, read back as `deadletters list` reads it.
        let after = try await replayer().inventory()
        let recorded = try #require(after.replays[ids[0]]?.first)
        #expect(after.replays[ids[1]]?.count == 1)
        #expect(recorded.replayedBy == "ops-anna")
        #expect(recorded.host == "ops-1")
        #expect(recorded.reason == "INC-7")
        #expect(recorded.replayedAt == at)
        #expect(recorded.sourceTopic == source && recorded.sourceOffset == 41)
        #expect(recorded.key == "C-1001")
        #expect(recorded.valueSize == Self.original.count)
        #expect(recorded.valueSha256 == DeadLetterReplayer.sha256(Self.original))
    }

    @Test("a truncated dead letter is refused with where its whole record is; the others still go; --all skips what was replayed")
    func truncatedAndAgain() async throws {
        let big = [UInt8](repeating: 0x41, count: 16)
        let ids = try await deadLetter([
            letter(key: Array("C-2".utf8), value: big, offset: 7, truncatedFrom: 300_000),
            letter(key: Array("C-3".utf8), value: Self.original, offset: 8),
        ])
        let base = ["--bootstrap", TestStack.kafka ?? "", "--topic-prefix", prefix, "--by", "ops-boris"]

        // --id of the truncated one alone: refused, nothing published.
        let one = try DeadLetters.Replay.parse(base + ["--id", String(ids[0].prefix(8))])
        let error = await #expect(throws: CLIError.self) { try await one.run() }
        #expect(error?.description.contains("not replayed") == true)
        let entries = try await replayer().inventory().entries
        let truncated = try #require(entries.first(where: { $0.id == ids[0] }))
        let refusal = DeadLetterReplayer.record(for: truncated, by: "x", at: Date())
        guard case .failure(let why) = refusal else { Issue.record("a truncated dead letter was accepted"); return }
        #expect(why.description.contains("truncated"))
        #expect(why.description.contains("keeps 16 of 300000 bytes"))
        #expect(why.description.contains("\(source)[0]@7"))

        // --all: the whole one goes, the truncated one is refused (exit status non-zero).
        let all = try DeadLetters.Replay.parse(base + ["--all"])
        await #expect(throws: CLIError.self) { try await all.run() }
        // Again: the replayed one is skipped, so only the refusal remains; nothing new is published.
        let again = try DeadLetters.Replay.parse(base + ["--all"])
        await #expect(throws: CLIError.self) { try await again.run() }

        let reader = try TopicReader(topics: [source])
        _ = try await reader.read(atLeast: 1, timeout: .seconds(20))
        let records = try await reader.drain()
        await reader.close()
        #expect(records.count == 1)
        #expect(records.first?.value == Self.original)
        #expect(records.first?.header(DeadLetterReplayer.replayOfHeader) == Array(ids[1].utf8))
        let inventory = try await replayer().inventory()
        #expect(inventory.replays[ids[1]]?.map(\.replayedBy) == ["ops-boris"])
        #expect(inventory.replays[ids[0]] == nil)
    }
}
