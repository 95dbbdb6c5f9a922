import CRdKafka

/// An error reported by librdkafka or by this wrapper, with the broker's own words kept.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public init(code: Int32 = -1, message: String) {
        self.code = code
        self.message = message
    }

    init(_ err: rd_kafka_resp_err_t, context: String) {
        self.code = err.rawValue
        self.message = "\(context): \(String(cString: rd_kafka_err2str(err)))"
    }

    public var description: String { "KafkaError(\(code)): \(message)" }
}

/// A librdkafka handle that crosses to the blocking thread; librdkafka handles are thread-safe.
struct RdHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
}

extension String {
    /// Text of a NUL-terminated librdkafka error buffer.
    init(errorBuffer: [CChar]) {
        let bytes = errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
