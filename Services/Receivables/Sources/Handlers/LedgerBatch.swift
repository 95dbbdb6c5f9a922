import Contracts

/// A consumed batch's ledger documents and the open-items snapshots it publishes: one per
/// client whose ledger changed, after the client's last document in the batch (so it carries
/// that message's trace and correlation).
final class LedgerBatch {
    /// The batch's ledger documents in arrival order, each kind and id once (the first).
    let documents: [LedgerDocument]
    /// clientId → messageId of the client's last ledger document in the batch.
    private var lastMessage: [String: String] = [:]
    /// The ledger messages the batch covers.
    private var messageIds = Set<String>()
    /// Filled once the batch's ledgers are up to date.
    var snapshots: [String: ClientOpenItemsChanged] = [:]

    init(_ messages: [InboundMessage]) {
        var seen = Set<String>()
        var documents: [LedgerDocument] = []
        for message in messages {
            guard let d = Self.document(of: message) else { continue }
            lastMessage[d.clientId] = message.messageId
            messageIds.insert(message.messageId)
            if seen.insert("\(d.kind.rawValue)/\(d.id)").inserted { documents.append(d) }
        }
        self.documents = documents
    }

    func covers(_ message: InboundMessage) -> Bool { messageIds.contains(message.messageId) }

    /// The snapshot to publish after `message`, when it is its client's last document in the batch.
    func snapshot(after message: InboundMessage) -> ClientOpenItemsChanged? {
        guard let d = Self.document(of: message), lastMessage[d.clientId] == message.messageId else { return nil }
        return snapshots[d.clientId]
    }

    static func document(of message: InboundMessage) -> LedgerDocument? {
        switch message {
        case .invoiceIssued(let e): .invoice(e.payload)
        case .paymentReceived(let e): .payment(e.payload)
        case .creditNoteIssued(let e): .creditNote(e.payload)
        default: nil
        }
    }
}
