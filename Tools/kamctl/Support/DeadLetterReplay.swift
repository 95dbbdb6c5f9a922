import Contracts
import Crypto
import Foundation
import Kafka

/// Puts dead letters' original records back on their source topics: the exact bytes of
/// value and key, with headers naming the replay, and a `DeadLetterReplayed` record per
/// replay. A dead letter whose value was truncated (too large to keep whole) is refused:
/// replaying a prefix would publish a record that never existed.
struct DeadLetterReplayer {
    /// Headers on every replayed record.
    static let replayOfHeader = "kam-replay-of"
    static let replayedByHeader = "kam-replayed-by"
    static let replayedAtHeader = "kam-replayed-at"

    let config: KafkaClientConfig
    var topicPrefix = ""
    var timeout: Duration = .seconds(30)

    var replaysTopic: String { topicPrefix + Topics.deadLetterReplays.name }

    /// What the dead-letter topic holds, each with its replays so far.
    struct Inventory {
        var entries: [DeadLetterReader.Entry]
        var replays: [String: [DeadLetterReplayed]]
        var unreadable: [(partition: Int32, offset: Int64, error: String)]
        var complete: Bool
    }

    func inventory() async throws -> Inventory {
        let letters = try await DeadLetterReader(config: config, topicPrefix: topicPrefix, timeout: timeout).read()
        let log = try await TopicSnapshot(config: config, timeout: timeout).read(replaysTopic)
        var replays: [String: [DeadLetterReplayed]] = [:]
        var unreadable = letters.unreadable
        for record in log.records {
            do throws(ContractError) {
                let envelope = try Envelope<DeadLetterReplayed>.decode(record.value)
                replays[envelope.payload.deadLetterId, default: []].append(envelope.payload)
            } catch {
                unreadable.append((record.partition, record.offset, "\(replaysTopic): \(error.description)"))
            }
        }
        return Inventory(entries: letters.entries, replays: replays, unreadable: unreadable,
                         complete: letters.complete && log.complete)
    }

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case truncated(id: String, kept: Int, size: Int?, sha256: String?, topic: String, partition: Int32, offset: Int64)
        case undecodable(id: String, what: String)
        case alreadyReplayed(id: String, by: String, at: Date)

        var description: String {
            switch self {
            case let .truncated(id, kept, size, sha, topic, partition, offset):
                return "dead letter \(id) is truncated: it keeps \(kept) of \(size.map(String.init) ?? "?") bytes "
                    + "(sha256 \(sha ?? "?")), so it cannot be replayed from kam.deadletter.v1; the whole record is "
                    + "\(topic)[\(partition)]@\(offset) while the topic retains it, else ask its producer to send it again"
            case let .undecodable(id, what):
                return "dead letter \(id): its \(what) is not valid base64; nothing to replay"
            case let .alreadyReplayed(id, by, at):
                return "dead letter \(id) was already replayed by \(by) at \(WireJSON.format(at)) (--again replays it once more)"
            }
        }
    }

    /// The record a dead letter puts back, or why it cannot.
    static func record(for entry: DeadLetterReader.Entry, by replayedBy: String, at instant: Date) -> Result<ProducerRecord, Refusal> {
        let letter = entry.letter
        guard let value = letter.originalValueBytes else { return .failure(.undecodable(id: entry.id, what: "originalValue")) }
        if letter.originalValueTruncated == true {
            return .failure(.truncated(id: entry.id, kept: value.count, size: letter.originalSize, sha256: letter.originalSha256,
                                       topic: letter.sourceTopic, partition: letter.sourcePartition, offset: letter.sourceOffset))
        }
        var key: [UInt8]?
        if letter.originalKey != nil {
            guard let bytes = letter.originalKeyBytes else { return .failure(.undecodable(id: entry.id, what: "originalKey")) }
            key = bytes
        }
        return .success(ProducerRecord(topic: letter.sourceTopic, key: key, value: value, headers: [
            (replayOfHeader, Array(entry.id.utf8)),
            (replayedByHeader, Array(replayedBy.utf8)),
            (replayedAtHeader, Array(WireJSON.format(instant).utf8)),
        ]))
    }

    struct Outcome {
        var replayed: [DeadLetterReplayed] = []
        var refused: [Refusal] = []
    }

    /// Replays the entries in order (oldest first keeps one client's records in order),
    /// then records each replay. Refusals are returned, not thrown, so the rest still go.
    func replay(_ entries: [DeadLetterReader.Entry], by replayedBy: String, reason: String?,
                host: String = ProcessInfo.processInfo.hostName, now: Date = Date()) async throws -> Outcome {
        var outcome = Outcome()
        var records: [ProducerRecord] = []
        var audits: [DeadLetterReplayed] = []
        for entry in entries {
            switch Self.record(for: entry, by: replayedBy, at: now) {
            case .failure(let refusal):
                outcome.refused.append(refusal)
            case .success(let record):
                records.append(record)
                let letter = entry.letter
                audits.append(DeadLetterReplayed(
                    deadLetterId: entry.id, service: letter.service, consumerGroup: letter.consumerGroup,
                    sourceTopic: letter.sourceTopic, sourcePartition: letter.sourcePartition, sourceOffset: letter.sourceOffset,
                    key: record.key.map { String(decoding: $0, as: UTF8.self) }, valueSize: record.value.count,
                    valueSha256: Self.sha256(record.value), replayedBy: replayedBy, host: host, replayedAt: now, reason: reason))
            }
        }
        if records.isEmpty { return outcome }

        var cfg = config
        cfg["client.id"] = "kamctl-replay"
        let producer = try KafkaProducer(config: cfg, logger: Output.logger("replay"))
        do {
            // The audit topic is made before anything is replayed, so no replay goes unrecorded for want of it.
            try await KafkaAdmin(config: config).createTopics([replaysTopic], partitions: 1)
            let results = try await producer.deliver(records)
            var recorded: [ProducerRecord] = []
            var failures: [String] = []
            for (index, error) in results.enumerated() {
                if let error {
                    failures.append("\(audits[index].deadLetterId): \(error.message)")
                    continue
                }
                outcome.replayed.append(audits[index])
                let envelope = Envelope(occurredAt: now, payload: audits[index])
                recorded.append(ProducerRecord(topic: replaysTopic, key: audits[index].deadLetterId, value: try envelope.jsonBytes()))
            }
            let auditFailures = try await producer.deliver(recorded).compactMap { $0 }
            await producer.close()
            if !failures.isEmpty {
                throw CLIError("\(failures.count) of \(records.count) records were not accepted by the broker "
                               + "(\(failures.joined(separator: "; "))); \(outcome.replayed.count) were replayed")
            }
            if let first = auditFailures.first {
                throw CLIError("\(outcome.replayed.count) records were replayed, but \(auditFailures.count) replays could not be "
                               + "recorded on \(replaysTopic): \(first.message)")
            }
        } catch {
            await producer.close()
            throw error
        }
        return outcome
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Who replays: KAM_OPERATOR, else the login behind sudo, else the user.
    static func currentOperator(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["KAM_OPERATOR", "SUDO_USER", "USER", "LOGNAME"] {
            if let value = env[key], !value.isEmpty { return value }
        }
        return "uid \(getuid())"
    }
}
