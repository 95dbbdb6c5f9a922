import Contracts
import Foundation
import Kafka

/// Publishes as the ERP does: the SPEC envelope, keyed by client (price lists by their id),
/// on the plain topic names. `send` returns once the broker acknowledged every record.
final class ERPPublisher: Sendable {
    let producer: KafkaProducer

    init(config: KafkaClientConfig) throws {
        var cfg = config
        cfg["client.id"] = "kamctl-erp"
        producer = try KafkaProducer(config: cfg, logger: Output.logger("erp"))
    }

    func record<P: MessagePayload>(_ topic: TopicSpec, key: String, _ payload: P, at occurredAt: Date,
                                   messageId: String = UUID().uuidString.lowercased()) throws -> ProducerRecord {
        ProducerRecord(topic: topic.name, key: key,
                       value: try Envelope(messageId: messageId, occurredAt: occurredAt, payload: payload).jsonBytes())
    }

    func send(_ records: [ProducerRecord]) async throws {
        try await producer.send(records)
    }

    func close() async { await producer.close() }
}
