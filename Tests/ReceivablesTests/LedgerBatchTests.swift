import Contracts
import Foundation
import Testing
@testable import Receivables

/// A consumed batch's documents, and its open items: once per client whose ledger changed,
/// after the client's last document in the batch.
@Suite struct LedgerBatchTests {
    static let at = Date(timeIntervalSince1970: 1_796_022_000)

    static func invoice(_ id: String, client: String, message: String? = nil) -> InboundMessage {
        .invoiceIssued(Envelope(messageId: message ?? "m-\(id)", occurredAt: at, payload: InvoiceIssued(
            invoiceId: id, clientId: client, amount: L.money("1.00"), issuedOn: L.date("2026-11-30"), dueDate: L.date("2026-12-30"))))
    }

    static func payment(_ id: String, client: String) -> InboundMessage {
        .paymentReceived(Envelope(messageId: "m-\(id)", occurredAt: at, payload: PaymentReceived(
            paymentId: id, clientId: client, amount: L.money("1.00"), receivedOn: L.date("2026-11-30"))))
    }

    static func snapshot(_ client: String) -> ClientOpenItemsChanged {
        OpenItems.snapshot(clientId: client, version: 1, state: LedgerState(invoices: [], unappliedCredit: .zero),
                           asOf: L.date("2026-11-30"), windowDays: 365)
    }

    @Test func onceAfterEachClientsLastDocument() {
        let messages = [Self.invoice("I-1", client: "C-1"), Self.invoice("I-2", client: "C-2"),
                        Self.payment("P-1", client: "C-1"), Self.invoice("I-3", client: "C-2")]
        let batch = LedgerBatch(messages)
        batch.snapshots = ["C-1": Self.snapshot("C-1"), "C-2": Self.snapshot("C-2")]
        #expect(batch.snapshot(after: messages[0]) == nil)
        #expect(batch.snapshot(after: messages[1]) == nil)
        #expect(batch.snapshot(after: messages[2])?.clientId == "C-1")
        #expect(batch.snapshot(after: messages[3])?.clientId == "C-2")
        #expect(batch.documents.map(\.id) == ["I-1", "I-2", "P-1", "I-3"])
    }

    @Test func aResentLastDocumentStillPublishesEarlierChanges() {
        // The same invoice resent by the ERP (new message id) is one document; the snapshot follows the last message.
        let messages = [Self.invoice("I-1", client: "C-1"), Self.invoice("I-1", client: "C-1", message: "m-resent")]
        let batch = LedgerBatch(messages)
        batch.snapshots = ["C-1": Self.snapshot("C-1")]
        #expect(batch.documents.map(\.id) == ["I-1"])
        #expect(batch.snapshot(after: messages[0]) == nil)
        #expect(batch.snapshot(after: messages[1])?.clientId == "C-1")
        #expect(batch.covers(messages[1]))
    }

    @Test func nothingNewPublishesNothing() {
        let messages = [Self.invoice("I-1", client: "C-1")]
        #expect(LedgerBatch(messages).snapshot(after: messages[0]) == nil)
        #expect(!LedgerBatch([]).covers(messages[0]))
    }
}
