import Contracts
import Foundation
import Kafka

/// Reads the whole dead-letter topic once, from the beginning to the end offsets seen at
/// the start, with a throwaway group that never commits (so it leaves no lag behind).
struct DeadLetterReader {
    static let groupPrefix = "kamctl-deadletters-"

    struct Entry {
        let partition: Int32
        let offset: Int64
        let letter: DeadLetter
    }

    struct Result {
        var entries: [Entry] = []
        /// Records on the topic that are not dead letters themselves; reported, never dropped silently.
        var unreadable: [(partition: Int32, offset: Int64, error: String)] = []
        var complete = true
    }

    let config: KafkaClientConfig
    var timeout: Duration = .seconds(30)

    func read() async throws -> Result {
        let topic = Topics.deadLetter.name
        let admin = try KafkaAdmin(config: config)
        guard let count = try await admin.listTopics()[topic] else { return Result() }
        let ends = try await admin.endOffsets((0..<count).map { TopicPartition(topic, $0) })
        var remaining = ends.filter { $0.value > 0 }
        if remaining.isEmpty { return Result() }

        var cfg = config
        cfg["enable.auto.commit"] = "false"
        cfg["auto.offset.reset"] = "earliest"
        // A group join takes about half the session timeout on the local broker (DESIGN §3).
        cfg["session.timeout.ms"] = "6000"
        let consumer = try KafkaConsumer(config: cfg, groupId: Self.groupPrefix + UUID().uuidString.prefix(8).lowercased(),
                                         topics: [topic], logger: Output.logger("deadletters"))
        var result = Result()
        let deadline = ContinuousClock.now + timeout
        do {
            while !remaining.isEmpty && ContinuousClock.now < deadline {
                for record in try await consumer.poll(maxRecords: 500, timeout: .milliseconds(200)) {
                    let tp = TopicPartition(record.topic, record.partition)
                    if let end = remaining[tp], record.offset >= end - 1 { remaining[tp] = nil }
                    if let end = ends[tp], record.offset >= end { continue }
                    Self.add(record, to: &result)
                }
            }
        } catch {
            await consumer.close()
            throw error
        }
        await consumer.close()
        result.complete = remaining.isEmpty
        return result
    }

    private static func add(_ record: ConsumerRecord, to result: inout Result) {
        do throws(ContractError) {
            guard case .deadLetter(let envelope) = try InboundMessage.decode(topic: record.topic, value: record.value) else {
                throw ContractError("not a DeadLetter")
            }
            result.entries.append(Entry(partition: record.partition, offset: record.offset, letter: envelope.payload))
        } catch {
            result.unreadable.append((record.partition, record.offset, error.description))
        }
    }
}
