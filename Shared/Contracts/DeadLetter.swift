import Foundation

/// `kam.deadletter.v1` — a record that broke the contract, with its original
/// bytes so it can be inspected and replayed (SPEC §2).
public struct DeadLetter: MessagePayload, Equatable {
    public static let messageType = "DeadLetter"
    /// People pick a dead letter by the first characters of its id (`kamctl deadletters`), and
    /// time-ordered ids share those for a minute: dead letters, which are rare, keep random ids.
    public static var timeOrderedIds: Bool { false }

    public var service: String
    public var consumerGroup: String
    public var sourceTopic: String
    public var sourcePartition: Int32
    public var sourceOffset: Int64
    /// Base64 of the record key; JSON null (never omitted) when the record had none.
    public var originalKey: String?
    /// Base64 of the record value — of its first `DeadLetter.maxOriginalBytes` bytes when
    /// the value is larger (then `originalValueTruncated` is true and `originalSize` and
    /// `originalSha256` describe the whole; the source topic, partition and offset point
    /// at it), so a dead letter always fits on the broker.
    public var originalValue: String
    public var error: String
    public var deadLetteredAt: Date
    public var originalValueTruncated: Bool?
    public var originalSize: Int?
    public var originalSha256: String?

    public static let maxOriginalBytes = 256 * 1024

    public init(service: String, consumerGroup: String, sourceTopic: String, sourcePartition: Int32,
                sourceOffset: Int64, originalKey: String?, originalValue: String, error: String,
                deadLetteredAt: Date, originalValueTruncated: Bool? = nil, originalSize: Int? = nil,
                originalSha256: String? = nil) {
        self.service = service
        self.consumerGroup = consumerGroup
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.originalKey = originalKey
        self.originalValue = originalValue
        self.error = error
        self.deadLetteredAt = deadLetteredAt
        self.originalValueTruncated = originalValueTruncated
        self.originalSize = originalSize
        self.originalSha256 = originalSha256
    }

    /// Builds the payload from raw record bytes; `sha256` digests a value too large to keep
    /// whole (the caller brings the hash function).
    public static func make(service: String, consumerGroup: String, topic: String, partition: Int32,
                            offset: Int64, key: [UInt8]?, value: [UInt8], error: String,
                            at instant: Date, sha256: ([UInt8]) -> String = { _ in "" }) -> DeadLetter {
        var letter = DeadLetter(service: service, consumerGroup: consumerGroup, sourceTopic: topic,
                                sourcePartition: partition, sourceOffset: offset,
                                originalKey: key.map { Data($0).base64EncodedString() },
                                originalValue: Data(value.prefix(maxOriginalBytes)).base64EncodedString(), error: error,
                                deadLetteredAt: instant)
        if value.count > maxOriginalBytes {
            letter.originalValueTruncated = true
            letter.originalSize = value.count
            letter.originalSha256 = sha256(value)
        }
        return letter
    }

    public var originalKeyBytes: [UInt8]? {
        originalKey.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }

    public var originalValueBytes: [UInt8]? {
        Data(base64Encoded: originalValue).map { [UInt8]($0) }
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(sourceTopic, "sourceTopic")
        if let originalKey, Data(base64Encoded: originalKey) == nil {
            throw ContractError("originalKey: not valid base64")
        }
        if Data(base64Encoded: originalValue) == nil {
            throw ContractError("originalValue: not valid base64")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case service, consumerGroup, sourceTopic, sourcePartition, sourceOffset
        case originalKey, originalValue, error, deadLetteredAt
        case originalValueTruncated, originalSize, originalSha256
    }

    // Written out so that a missing key is an explicit null, as SPEC §2 lists it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(service, forKey: .service)
        try container.encode(consumerGroup, forKey: .consumerGroup)
        try container.encode(sourceTopic, forKey: .sourceTopic)
        try container.encode(sourcePartition, forKey: .sourcePartition)
        try container.encode(sourceOffset, forKey: .sourceOffset)
        if let originalKey {
            try container.encode(originalKey, forKey: .originalKey)
        } else {
            try container.encodeNil(forKey: .originalKey)
        }
        try container.encode(originalValue, forKey: .originalValue)
        try container.encode(error, forKey: .error)
        try container.encode(deadLetteredAt, forKey: .deadLetteredAt)
        try container.encodeIfPresent(originalValueTruncated, forKey: .originalValueTruncated)
        try container.encodeIfPresent(originalSize, forKey: .originalSize)
        try container.encodeIfPresent(originalSha256, forKey: .originalSha256)
    }
}
