import Contracts
import Foundation
import Testing
@testable import Receivables

/// Open items go out once per client and consumed batch: after the client's last document
/// in the batch, when any of its documents in the batch was new.
@Suite struct OpenItemsBatchTests {
    static let at = Date(timeIntervalSince1970: 1_796_022_000)

    static func invoice(_ id: String, client: String) -> InboundMessage {
        .invoiceIssued(Envelope(messageId: "m-\(id)", occurredAt: at, payload: InvoiceIssued(
            invoiceId: id, clientId: client, amount: L.money("1.00"), issuedOn: L.date("2026-11-30"), dueDate: L.date("2026-12-30"))))
    }

    static func payment(_ id: String, client: String) -> InboundMessage {
        .paymentReceived(Envelope(messageId: "m-\(id)", occurredAt: at, payload: PaymentReceived(
            paymentId: id, clientId: client, amount: L.money("1.00"), receivedOn: L.date("2026-11-30"))))
    }

    @Test func onceAfterEachClientsLastDocument() {
        let messages = [Self.invoice("I-1", client: "C-1"), Self.invoice("I-2", client: "C-2"),
                        Self.payment("P-1", client: "C-1"), Self.invoice("I-3", client: "C-2")]
        let batch = OpenItemsBatch(messages)
        #expect(batch.handled(messages[0], clientId: "C-1", changedLedger: true) == false)
        #expect(batch.handled(messages[1], clientId: "C-2", changedLedger: true) == false)
        #expect(batch.handled(messages[2], clientId: "C-1", changedLedger: true) == true)
        #expect(batch.handled(messages[3], clientId: "C-2", changedLedger: true) == true)
    }

    @Test func aResentLastDocumentStillPublishesEarlierChanges() {
        let messages = [Self.invoice("I-1", client: "C-1"), Self.invoice("I-1-resent", client: "C-1")]
        let batch = OpenItemsBatch(messages)
        #expect(batch.handled(messages[0], clientId: "C-1", changedLedger: true) == false)
        #expect(batch.handled(messages[1], clientId: "C-1", changedLedger: false) == true)
    }

    @Test func nothingNewPublishesNothing() {
        let messages = [Self.invoice("I-1", client: "C-1")]
        #expect(OpenItemsBatch(messages).handled(messages[0], clientId: "C-1", changedLedger: false) == false)
    }
}
