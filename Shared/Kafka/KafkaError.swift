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

    /// True when the broker no longer knows this producer's id, epoch or sequence (it was
    /// restarted without its state, or fenced us): only a new producer can send again.
    public var meansProducerStateLost: Bool {
        [RD_KAFKA_RESP_ERR__FATAL, RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID, RD_KAFKA_RESP_ERR_PRODUCER_FENCED,
         RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
         RD_KAFKA_RESP_ERR_INVALID_PRODUCER_ID_MAPPING].map(\.rawValue).contains(code)
    }

    /// True when the broker (or librdkafka) refuses a record for good — too large, corrupt,
    /// invalid — so sending the same bytes again can never succeed.
    public var refusesRecordForGood: Bool {
        [RD_KAFKA_RESP_ERR_INVALID_MSG, RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
         RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_RECORD].map(\.rawValue).contains(code)
    }
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
