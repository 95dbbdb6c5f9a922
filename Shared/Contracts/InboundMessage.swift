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
        guard let spec = Topics.spec(named: topic) else {
            throw ContractError("unknown topic \(topic)")
        }
        let header = try EnvelopeHeader.decode(value)
        guard spec.messageTypes.contains(header.type) else {
            throw ContractError("unknown type '\(header.type)' on topic \(topic)")
        }
        try header.checkSchemaVersion()

        switch header.type {
        case ClientUpserted.messageType: return .clientUpserted(try .decode(value))
        case PriceListPublished.messageType: return .priceListPublished(try .decode(value))
        case OrderPlaced.messageType: return .orderPlaced(try .decode(value))
        case OrderCancelled.messageType: return .orderCancelled(try .decode(value))
        case OrderCompleted.messageType: return .orderCompleted(try .decode(value))
        case InvoiceIssued.messageType: return .invoiceIssued(try .decode(value))
        case PaymentReceived.messageType: return .paymentReceived(try .decode(value))
        case CreditNoteIssued.messageType: return .creditNoteIssued(try .decode(value))
        case OrderConfirmed.messageType: return .orderConfirmed(try .decode(value))
        case OrderOnHold.messageType: return .orderOnHold(try .decode(value))
        case OrderRejected.messageType: return .orderRejected(try .decode(value))
        case DunningNoticeIssued.messageType: return .dunningNoticeIssued(try .decode(value))
        case DeadLetter.messageType: return .deadLetter(try .decode(value))
        case CreditCheckRequested.messageType: return .creditCheckRequested(try .decode(value))
        case CreditCheckDecided.messageType: return .creditCheckDecided(try .decode(value))
        case ClientOpenItemsChanged.messageType: return .clientOpenItemsChanged(try .decode(value))
        default:
            // A topic listing a type this switch does not know is a registry bug.
            throw ContractError("unknown type '\(header.type)' on topic \(topic)")
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
