import Contracts

/// Which clients' ledgers a consumed batch changes, so that each client's open items are
/// published once per batch: after its last document in the batch.
final class OpenItemsBatch {
    /// clientId → messageId of the client's last ledger document in the batch.
    private var lastDocument: [String: String] = [:]
    private var changed: Set<String> = []

    init(_ messages: [InboundMessage]) {
        for message in messages {
            if let clientId = Self.ledgerClient(of: message) { lastDocument[clientId] = message.messageId }
        }
    }

    /// Notes a handled document; true when the client's snapshot is due now.
    func handled(_ message: InboundMessage, clientId: String, changedLedger: Bool) -> Bool {
        if changedLedger { changed.insert(clientId) }
        return lastDocument[clientId] == message.messageId && changed.contains(clientId)
    }

    static func ledgerClient(of message: InboundMessage) -> String? {
        switch message {
        case .invoiceIssued(let e): e.payload.clientId
        case .paymentReceived(let e): e.payload.clientId
        case .creditNoteIssued(let e): e.payload.clientId
        default: nil
        }
    }
}
