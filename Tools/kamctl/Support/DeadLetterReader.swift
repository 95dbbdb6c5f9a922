import Contracts
import Foundation
import Kafka

/// Reads one topic once, from the beginning to the end offsets seen at the start, with a
/// throwaway group that never commits (so it leaves no lag behind).
struct TopicSnapshot {
    /// Groups of kamctl's own readers; `kamctl lag` leaves them out.
    static let groupPrefix = "kamctl-deadletters-"

    let config: KafkaClientConfig
    var timeout: Duration = .seconds(30)

    struct Result {
        var records: [ConsumerRecord] = []
        /// False when the timeout passed before every partition's end was reached.
        var complete = true
    }

    func read(_ topic: String) async throws -> Result {
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
                                         topics: [topic], logger: Output.logger("read"))
        var result = Result()
        let deadline = ContinuousClock.now + timeout
        do {
            while !remaining.isEmpty && ContinuousClock.now < deadline {
                for record in try await consumer.poll(maxRecords: 500, timeout: .milliseconds(200)) {
                    let tp = TopicPartition(record.topic, record.partition)
                    if let end = remaining[tp], record.offset >= end - 1 { remaining[tp] = nil }
                    if let end = ends[tp], record.offset >= end { continue }
                    result.records.append(record)
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
}

/// Reads the whole dead-letter topic (and what kamctl recorded of replays).
struct DeadLetterReader {
    static let groupPrefix = TopicSnapshot.groupPrefix

    struct Entry {
        /// The dead letter's own message id: what `deadletters replay --id` names.
        let id: String
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
    /// KAM_TOPIC_PREFIX of the services whose dead letters these are.
    var topicPrefix = ""
    var timeout: Duration = .seconds(30)

    var topic: String { topicPrefix + Topics.deadLetter.name }

    func read() async throws -> Result {
        let snapshot = try await TopicSnapshot(config: config, timeout: timeout).read(topic)
        var result = Result(complete: snapshot.complete)
        for record in snapshot.records {
            do throws(ContractError) {
                guard case .deadLetter(let envelope) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: record.value) else {
                    throw ContractError("not a DeadLetter")
                }
                result.entries.append(Entry(id: envelope.messageId, partition: record.partition, offset: record.offset,
                                            letter: envelope.payload))
            } catch {
                result.unreadable.append((record.partition, record.offset, error.description))
            }
        }
        return result
    }
}
