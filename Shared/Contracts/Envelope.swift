import Foundation

/// The envelope every Kafka value uses (SPEC §2).
public struct Envelope<Payload: MessagePayload>: Codable, Sendable {
    public static var currentSchemaVersion: Int { 1 }

    public var messageId: String
    public var type: String
    public var schemaVersion: Int
    public var occurredAt: Date
    public var payload: Payload
    public var correlationId: String?

    public init(messageId: String = MessageId.make(for: Payload.self), occurredAt: Date, payload: Payload,
                correlationId: String? = nil) {
        self.messageId = messageId
        self.type = Payload.messageType
        self.schemaVersion = Self.currentSchemaVersion
        self.occurredAt = occurredAt
        self.payload = payload
        self.correlationId = correlationId
    }

    private enum CodingKeys: String, CodingKey {
        case messageId, type, schemaVersion, occurredAt, payload, correlationId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageId = try container.decode(String.self, forKey: .messageId)
        type = try container.decode(String.self, forKey: .type)
        // A payload decoded under the wrong type name would be a silent misread.
        guard type == Payload.messageType else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "expected \"\(Payload.messageType)\", got \"\(type)\"")
        }
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        payload = try container.decode(Payload.self, forKey: .payload)
        correlationId = try container.decodeIfPresent(String.self, forKey: .correlationId)
    }

    /// The Kafka value: UTF-8 JSON in the wire format (WireJSON.encoder()).
    public func jsonBytes() throws -> [UInt8] {
        try WireJSON.encode(self)
    }

    /// Decodes and checks one value of this payload type: envelope fields,
    /// schemaVersion 1, types, then `Payload.validate()`.
    public static func decode(_ value: [UInt8]) throws(ContractError) -> Envelope<Payload> {
        let header = try EnvelopeHeader.decode(value)
        try header.check(type: Payload.messageType)
        let envelope = try WireDecoding.decode(Envelope<Payload>.self, from: value)
        do {
            try envelope.payload.validate()
        } catch {
            throw error.nested(under: "payload")
        }
        return envelope
    }
}

extension Envelope {
    /// The checks beyond JSON types of an envelope decoded in one piece: its identity
    /// (`EnvelopeHeader.checkIdentity`) and the payload's rules.
    func checkContract() throws(ContractError) {
        try EnvelopeHeader.checkIdentity(messageId: messageId, schemaVersion: schemaVersion, type: type)
        try payload.validate()
    }
}

extension Envelope: Equatable where Payload: Equatable {}

/// Public so callers can encode any envelope without naming its payload type.
public func encodeEnvelope<P: MessagePayload>(_ envelope: Envelope<P>) throws -> [UInt8] {
    try envelope.jsonBytes()
}
