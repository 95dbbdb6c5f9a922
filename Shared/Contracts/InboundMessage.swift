import Foundation

/// Any message a consumer can read, decoded and checked against the contract.
public enum InboundMessage: Sendable, Equatable {
    case clientUpserted(Envelope<ClientUpserted>)
    case priceListPublished(Envelope<PriceListPublished>)
    case orderPlaced(Envelope<OrderPlaced>)
    case orderCancelled(Envelope<OrderCancelled>)
    case orderCompleted(Envelope<OrderCompleted>)
    case invoiceIssued(Envelope<InvoiceIssued>)
    case paymentReceived(Envelope<PaymentReceived>)
    case creditNoteIssued(Envelope<CreditNoteIssued>)
    case orderConfirmed(Envelope<OrderConfirmed>)
    case orderOnHold(Envelope<OrderOnHold>)
    case orderRejected(Envelope<OrderRejected>)
    case dunningNoticeIssued(Envelope<DunningNoticeIssued>)
    case deadLetter(Envelope<DeadLetter>)
    case creditCheckRequested(Envelope<CreditCheckRequested>)
    case creditCheckDecided(Envelope<CreditCheckDecided>)
    case clientOpenItemsChanged(Envelope<ClientOpenItemsChanged>)

    public var messageId: String { fields.messageId }
    public var type: String { fields.type }
    public var occurredAt: Date { fields.occurredAt }
    public var correlationId: String? { fields.correlationId }

    /// Decodes one Kafka record value read from `topic`. Throws for everything
    /// SPEC §2 sends to the dead-letter topic: unknown topic, not UTF-8 JSON,
    /// a type not carried by the topic, schemaVersion ≠ 1, missing fields, wrong
    /// JSON types, fractional quantities, negative money. Unknown extra fields
    /// are ignored.
    public static func decode(topic: String, value: [UInt8]) throws(ContractError) -> InboundMessage {
        // Every type is read whole, so the result is never nil.
        try decode(topic: topic, value: value, readingPayloadsOf: nil)!
    }

    /// As `decode(topic:value:)`, but a message whose type is not in `types` is read and checked
    /// only as far as its envelope, and nil is returned for it: a consumer that ignores a type
    /// does not pay for its payload (the owner of that type dead-letters a bad one). `types` nil
    /// reads every payload.
    public static func decode(topic: String, value: [UInt8], readingPayloadsOf types: Set<String>?) throws(ContractError) -> InboundMessage? {
        guard let spec = Topics.spec(named: topic) else {
            throw ContractError("unknown topic \(topic)")
        }
        // The hot types read straight from parsed JSON (DirectJSONReaders.swift); in any doubt,
        // the Codable paths below decide.
        if case .message(let message) = directRead(value, on: spec, readingPayloadsOf: types) { return message }
        return try codableDecode(value, on: spec, readingPayloadsOf: types)
    }

    /// The Codable paths: one parse, or step by step when that fails. Their verdict stands.
    static func codableDecode(_ value: [UInt8], on spec: TopicSpec, readingPayloadsOf types: Set<String>?) throws(ContractError) -> InboundMessage? {
        let topic = spec.name
        // One parse for a valid message (the header-then-payload parse below was a fifth of a
        // consumer's CPU). Anything wrong takes the step-by-step path below, so the error names
        // the first problem exactly as before.
        if let read = try? $payloadTypes.withValue(types, operation: { try WireDecoding.decode(SinglePass.self, from: value) }),
           spec.messageTypes.contains(read.type) {
            return read.message
        }
        let header = try EnvelopeHeader.decode(value)
        guard spec.messageTypes.contains(header.type) else {
            throw ContractError("unknown type '\(header.type)' on topic \(topic)")
        }
        try header.checkSchemaVersion()
        if let types, !types.contains(header.type) { return nil }
        do {
            guard let message = try make(header.type, FromBytes(value: value)) else {
                // A topic listing a type this switch does not know is a registry bug.
                throw ContractError("unknown type '\(header.type)' on topic \(topic)")
            }
            return message
        } catch let error as ContractError {
            throw error
        } catch {
            throw ContractError("value could not be decoded")
        }
    }

    /// The message of `type`, its envelope decoded by `decoding`; nil for a type no case carries.
    private static func make(_ type: String, _ decoding: some EnvelopeDecoding) throws -> InboundMessage? {
        switch type {
        case ClientUpserted.messageType: return .clientUpserted(try decoding.envelope())
        case PriceListPublished.messageType: return .priceListPublished(try decoding.envelope())
        case OrderPlaced.messageType: return .orderPlaced(try decoding.envelope())
        case OrderCancelled.messageType: return .orderCancelled(try decoding.envelope())
        case OrderCompleted.messageType: return .orderCompleted(try decoding.envelope())
        case InvoiceIssued.messageType: return .invoiceIssued(try decoding.envelope())
        case PaymentReceived.messageType: return .paymentReceived(try decoding.envelope())
        case CreditNoteIssued.messageType: return .creditNoteIssued(try decoding.envelope())
        case OrderConfirmed.messageType: return .orderConfirmed(try decoding.envelope())
        case OrderOnHold.messageType: return .orderOnHold(try decoding.envelope())
        case OrderRejected.messageType: return .orderRejected(try decoding.envelope())
        case DunningNoticeIssued.messageType: return .dunningNoticeIssued(try decoding.envelope())
        case DeadLetter.messageType: return .deadLetter(try decoding.envelope())
        case CreditCheckRequested.messageType: return .creditCheckRequested(try decoding.envelope())
        case CreditCheckDecided.messageType: return .creditCheckDecided(try decoding.envelope())
        case ClientOpenItemsChanged.messageType: return .clientOpenItemsChanged(try decoding.envelope())
        default: return nil
        }
    }

    /// Decodes through `Envelope.decode`: header checks, then the payload, then its rules.
    private struct FromBytes: EnvelopeDecoding {
        let value: [UInt8]
        func envelope<P: MessagePayload>() throws -> Envelope<P> { try Envelope<P>.decode(value) }
    }

    /// Decodes from a decoder already positioned on the envelope, with the same checks.
    private struct FromDecoder: EnvelopeDecoding {
        let decoder: any Decoder
        func envelope<P: MessagePayload>() throws -> Envelope<P> {
            let envelope = try Envelope<P>(from: decoder)
            try envelope.checkContract()
            return envelope
        }
    }

    /// The payload types `SinglePass` reads in the current decode (nil: all).
    @TaskLocal private static var payloadTypes: Set<String>?

    /// The whole value in one parse: the type read first, then its envelope, or only the
    /// envelope's header for a type whose payload is not wanted.
    private struct SinglePass: Decodable {
        let type: String
        let message: InboundMessage?
        private enum Key: String, CodingKey { case type }

        init(from decoder: any Decoder) throws {
            type = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .type)
            if let wanted = InboundMessage.payloadTypes, !wanted.contains(type) {
                try EnvelopeHeader(from: decoder).checkIdentity()
                message = nil
                return
            }
            guard let message = try InboundMessage.make(type, FromDecoder(decoder: decoder)) else {
                throw ContractError("unknown type '\(type)'")
            }
            self.message = message
        }
    }

    private var fields: any EnvelopeFields {
        switch self {
        case .clientUpserted(let envelope): envelope
        case .priceListPublished(let envelope): envelope
        case .orderPlaced(let envelope): envelope
        case .orderCancelled(let envelope): envelope
        case .orderCompleted(let envelope): envelope
        case .invoiceIssued(let envelope): envelope
        case .paymentReceived(let envelope): envelope
        case .creditNoteIssued(let envelope): envelope
        case .orderConfirmed(let envelope): envelope
        case .orderOnHold(let envelope): envelope
        case .orderRejected(let envelope): envelope
        case .dunningNoticeIssued(let envelope): envelope
        case .deadLetter(let envelope): envelope
        case .creditCheckRequested(let envelope): envelope
        case .creditCheckDecided(let envelope): envelope
        case .clientOpenItemsChanged(let envelope): envelope
        }
    }
}

/// The envelope fields, whatever the payload type.
protocol EnvelopeFields {
    var messageId: String { get }
    var type: String { get }
    var occurredAt: Date { get }
    var correlationId: String? { get }
}

extension Envelope: EnvelopeFields {}

/// How `InboundMessage.make` obtains the envelope of whichever payload type it names.
private protocol EnvelopeDecoding {
    func envelope<P: MessagePayload>() throws -> Envelope<P>
}
