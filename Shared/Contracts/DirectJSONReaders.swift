import Foundation

// The messages on an order's way from the ERP to its decision read themselves from parsed JSON
// (JSONInput.swift); any doubt falls back to their Codable decoding.

extension Envelope: DirectJSONReadable where Payload: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        messageId = try json.string("messageId")
        type = try json.string("type")
        guard type == Payload.messageType else { throw JSONInput.Refused() }
        schemaVersion = try json.int("schemaVersion")
        occurredAt = try json.date("occurredAt")
        payload = try json.object("payload")
        correlationId = try json.string(ifPresent: "correlationId")
    }
}

extension EnvelopeHeader: DirectJSONReadable {
    init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(messageId: try json.string("messageId"), type: try json.string("type"), schemaVersion: try json.int("schemaVersion"),
                  occurredAt: try json.date("occurredAt"), correlationId: try json.string(ifPresent: "correlationId"))
    }
}

extension Reason: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(code: try json.string("code"), message: try json.string("message"))
    }
}

extension OrderLine: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(lineNo: try json.int("lineNo"), sku: try json.string("sku"), quantity: try json.int64("quantity"))
    }
}

extension PricedLine: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(lineNo: try json.int("lineNo"), sku: try json.string("sku"), quantity: try json.int64("quantity"),
                  unitPrice: try json.money("unitPrice"), lineTotal: try json.money("lineTotal"))
    }
}

extension OrderPlaced: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), placedAt: try json.date("placedAt"),
                  requestedDeliveryDate: try json.businessDate("requestedDeliveryDate"), lines: try json.array("lines"),
                  requestedDiscountPercent: try json.percent(ifPresent: "requestedDiscountPercent"),
                  comment: try json.string(ifPresent: "comment"))
    }
}

extension CreditCheckRequested: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), kamId: try json.string("kamId"),
                  total: try json.money("total"), businessDate: try json.businessDate("businessDate"),
                  requestedAt: try json.date("requestedAt"))
    }
}

extension CreditCheckDecided: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), outcome: try json.value("outcome"),
                  reasons: try json.array("reasons"), exposure: try json.money("exposure"), creditLimit: try json.money("creditLimit"),
                  decidedAt: try json.date("decidedAt"), decidedBy: try json.string(ifPresent: "decidedBy"),
                  comment: try json.string(ifPresent: "comment"))
    }
}

extension OrderConfirmed: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), kamId: try json.string("kamId"),
                  priceListId: try json.string("priceListId"), priceColumn: try json.int("priceColumn"),
                  discountPercent: try json.percent("discountPercent"), lines: try json.array("lines"), total: try json.money("total"),
                  confirmedAt: try json.date("confirmedAt"), approvedBy: try json.string(ifPresent: "approvedBy"))
    }
}

extension OrderOnHold: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), total: try json.money("total"),
                  reasons: try json.array("reasons"), heldAt: try json.date("heldAt"))
    }
}

extension OrderRejected: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), reasons: try json.array("reasons"),
                  rejectedAt: try json.date("rejectedAt"))
    }
}

extension InboundMessage {
    /// The fast way to a valid message of the hot types (DirectJSONReadable), with every check
    /// `decode(topic:value:readingPayloadsOf:)` makes; `.fallBack` for anything else or in doubt,
    /// and the caller then decodes as before, so errors and dead letters are unchanged.
    enum DirectRead {
        case message(InboundMessage?)
        case fallBack
    }

    static func directRead(_ value: [UInt8], on spec: TopicSpec, readingPayloadsOf types: Set<String>?) -> DirectRead {
        // A topic whose every type takes the Codable path anyway (invoices, clients, …) is not
        // parsed here first: that would parse each of its messages twice.
        guard spec.messageTypes.contains(where: { type in directlyRead.contains(type) || !(types?.contains(type) ?? true) }),
              String(validating: value, as: UTF8.self) != nil, !WireDecoding.containsEscapedNUL(value),
              case .object(let json)? = try? JSONInput.parse(value),
              let type = try? json.string("type"), spec.messageTypes.contains(type)
        else { return .fallBack }
        do throws(JSONInput.Refused) {
            if let types, !types.contains(type) {
                // Only the envelope, checked as the Codable path checks it.
                let header = try EnvelopeHeader(json: json)
                return (try? header.checkIdentity()) == nil ? .fallBack : .message(nil)
            }
            switch type {
            case OrderPlaced.messageType: return .message(.orderPlaced(try checked(json)))
            case CreditCheckRequested.messageType: return .message(.creditCheckRequested(try checked(json)))
            case CreditCheckDecided.messageType: return .message(.creditCheckDecided(try checked(json)))
            case OrderConfirmed.messageType: return .message(.orderConfirmed(try checked(json)))
            case OrderOnHold.messageType: return .message(.orderOnHold(try checked(json)))
            case OrderRejected.messageType: return .message(.orderRejected(try checked(json)))
            default: return .fallBack
            }
        } catch {
            return .fallBack
        }
    }

    /// The types `directRead` reads whole.
    private static let directlyRead: Set<String> = [OrderPlaced.messageType, CreditCheckRequested.messageType,
                                                    CreditCheckDecided.messageType, OrderConfirmed.messageType,
                                                    OrderOnHold.messageType, OrderRejected.messageType]

    /// The envelope with the checks the Codable path makes (`Envelope.checkContract`).
    private static func checked<P: MessagePayload & DirectJSONReadable>(_ json: JSONInput.Object) throws(JSONInput.Refused) -> Envelope<P> {
        let envelope = try Envelope<P>(json: json)
        guard (try? envelope.checkContract()) != nil else { throw JSONInput.Refused() }
        return envelope
    }
}
