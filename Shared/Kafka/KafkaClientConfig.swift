import CRdKafka

/// librdkafka properties for one client. Values are librdkafka's own names, so the
/// documentation of librdkafka's CONFIGURATION.md applies unchanged.
public struct KafkaClientConfig: Sendable {
    public var properties: [String: String]

    public init(bootstrapServers: String, _ extra: [String: String] = [:]) {
        properties = ["bootstrap.servers": bootstrapServers, "client.id": "kam-platform"]
        properties.merge(extra) { _, new in new }
    }

    public subscript(key: String) -> String? {
        get { properties[key] }
        set { properties[key] = newValue }
    }

    /// librdkafka warns about properties of the other client type; keep each side clean.
    static let consumerOnly: Set<String> = [
        "group.id", "session.timeout.ms", "heartbeat.interval.ms", "fetch.wait.max.ms", "fetch.max.bytes",
        "max.partition.fetch.bytes", "auto.offset.reset", "enable.auto.commit", "enable.auto.offset.store",
        "auto.commit.interval.ms", "enable.partition.eof", "queued.max.messages.kbytes", "max.poll.interval.ms", "partition.assignment.strategy",
    ]
    static let producerOnly: Set<String> = [
        "acks", "enable.idempotence", "linger.ms", "queue.buffering.max.messages", "queue.buffering.max.kbytes",
        "message.timeout.ms", "batch.num.messages", "compression.type",
    ]

    func forProducer() -> KafkaClientConfig {
        var c = self
        // Statistics feed consumer lag only; a producer would just queue them unread.
        c.properties = properties.filter { !Self.consumerOnly.contains($0.key) && $0.key != "statistics.interval.ms" }
        return c
    }

    func forConsumer() -> KafkaClientConfig {
        var c = self
        c.properties = properties.filter { !Self.producerOnly.contains($0.key) }
        return c
    }

    /// Builds a native configuration; the caller owns it until `rd_kafka_new` takes it.
    func makeNative() throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError(message: "rd_kafka_conf_new failed") }
        var errstr = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(message: "invalid Kafka setting \(key)=\(value): \(String(errorBuffer: errstr))")
            }
        }
        return conf
    }
}

func makeHandle(type: rd_kafka_type_t, conf: OpaquePointer) throws -> OpaquePointer {
    var errstr = [CChar](repeating: 0, count: 512)
    guard let handle = rd_kafka_new(type, conf, &errstr, errstr.count) else {
        rd_kafka_conf_destroy(conf)
        throw KafkaError(message: "cannot create Kafka client: \(String(errorBuffer: errstr))")
    }
    return handle
}
