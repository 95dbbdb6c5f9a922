/// A Kafka topic and the message types allowed on it.
public struct TopicSpec: Sendable, Hashable {
    public let name: String
    public let messageTypes: [String]

    public init(name: String, messageTypes: [String]) {
        self.name = name
        self.messageTypes = messageTypes
    }
}

/// The topic registry: ERP inputs (SPEC §3), outputs for the ERP (SPEC §4), and
/// topics between our own services (`kam.<service>.<stream>.v<N>`).
public enum Topics {
    public static let erpClients = TopicSpec(name: "erp.clients.v1", messageTypes: [ClientUpserted.messageType])
    public static let erpPriceLists = TopicSpec(name: "erp.pricelists.v1", messageTypes: [PriceListPublished.messageType])
    public static let erpOrders = TopicSpec(
        name: "erp.orders.v1",
        messageTypes: [OrderPlaced.messageType, OrderCancelled.messageType, OrderCompleted.messageType])
    public static let erpInvoices = TopicSpec(name: "erp.invoices.v1", messageTypes: [InvoiceIssued.messageType])
    public static let erpPayments = TopicSpec(name: "erp.payments.v1", messageTypes: [PaymentReceived.messageType])
    public static let erpCreditNotes = TopicSpec(name: "erp.credit-notes.v1", messageTypes: [CreditNoteIssued.messageType])

    public static let orderDecisions = TopicSpec(
        name: "kam.order-decisions.v1",
        messageTypes: [OrderConfirmed.messageType, OrderOnHold.messageType, OrderRejected.messageType])
    public static let dunning = TopicSpec(name: "kam.dunning.v1", messageTypes: [DunningNoticeIssued.messageType])
    public static let deadLetter = TopicSpec(name: "kam.deadletter.v1", messageTypes: [DeadLetter.messageType])

    public static let creditRequests = TopicSpec(
        name: "kam.orders.credit-requests.v1", messageTypes: [CreditCheckRequested.messageType])
    public static let creditDecisions = TopicSpec(
        name: "kam.credit.decisions.v1", messageTypes: [CreditCheckDecided.messageType])
    public static let receivablesOpenItems = TopicSpec(
        name: "kam.receivables.open-items.v1", messageTypes: [ClientOpenItemsChanged.messageType])

    /// Written and read only by kamctl (`deadletters replay`): the services neither create
    /// nor consume it, so it is not in `all`.
    public static let deadLetterReplays = TopicSpec(
        name: "kam.deadletter.replays.v1", messageTypes: [DeadLetterReplayed.messageType])

    public static let all: [TopicSpec] = [
        erpClients, erpPriceLists, erpOrders, erpInvoices, erpPayments, erpCreditNotes,
        orderDecisions, dunning, deadLetter, creditRequests, creditDecisions, receivablesOpenItems,
    ]

    /// Every topic the platform's tools write besides `all`.
    public static let operations: [TopicSpec] = [deadLetterReplays]

    public static func spec(named name: String) -> TopicSpec? {
        all.first { $0.name == name }
    }
}
