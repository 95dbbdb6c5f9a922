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
