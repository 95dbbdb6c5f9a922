/// SPEC §3/§4 example payloads (the §3 JSON copied verbatim where the SPEC gives
/// one, filled in from the field lists otherwise), one per message type.
enum Fixtures {
    struct Example: Sendable, CustomStringConvertible {
        let topic: String
        let type: String
        let payload: String
        var description: String { type }
        var value: [UInt8] { Fixtures.envelope(type: type, payload: payload) }
    }

    static func envelope(type: String, payload: String, schemaVersion: String = "1",
                         extra: String = "") -> [UInt8] {
        Array("""
        {"messageId": "3f1c6a2e-0000-4000-8000-000000000001", "type": "\(type)", "schemaVersion": \(schemaVersion),
         "occurredAt": "2026-11-30T07:15:00Z", "payload": \(payload),
         "correlationId": "corr-1"\(extra)}
        """.utf8)
    }

    static let clientUpserted = """
        {"clientId": "C-1001", "name": "ООО Ромашка", "taxId": "7701234567",
         "kamId": "kam-ivanova", "segment": "retail_chain", "tier": "A",
         "status": "active",
         "contract": {"contractId": "D-77", "signedOn": "2026-01-15",
                      "paymentTermDays": 30, "creditLimit": "500000.00",
                      "priceColumn": 2, "maxDiscountPercent": "3.00"}}
        """

    static let priceListPublished = """
        {"priceListId": "PL-2026-12", "effectiveFrom": "2026-12-01",
         "items": [{"sku": "MILK-1L", "name": "Молоко 1 л", "category": "dairy",
                    "prices": ["100.00", "95.00", "90.00", "85.00", "80.00"]}]}
        """

    static let orderPlaced = """
        {"orderId": "O-1", "clientId": "C-1001", "placedAt": "2026-11-30T07:10:00Z",
         "requestedDeliveryDate": "2026-12-02",
         "lines": [{"lineNo": 1, "sku": "MILK-1L", "quantity": 40}],
         "requestedDiscountPercent": "5.00", "comment": "к 9 утра"}
        """

    static let examples: [Example] = [
        Example(topic: "erp.clients.v1", type: "ClientUpserted", payload: clientUpserted),
        Example(topic: "erp.clients.v1", type: "ClientUpserted", payload: """
            {"clientId": "C-1002", "name": "ИП Петров", "taxId": "500100732259", "kamId": "kam-petrov",
             "segment": "horeca", "tier": "C", "status": "prospect", "contract": null}
            """),
        Example(topic: "erp.pricelists.v1", type: "PriceListPublished", payload: priceListPublished),
        Example(topic: "erp.orders.v1", type: "OrderPlaced", payload: orderPlaced),
        Example(topic: "erp.orders.v1", type: "OrderCancelled", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "cancelledAt": "2026-11-30T08:00:00Z", "reason": "client request"}
            """),
        Example(topic: "erp.orders.v1", type: "OrderCompleted", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "completedAt": "2026-12-03T12:00:00Z"}
            """),
        Example(topic: "erp.invoices.v1", type: "InvoiceIssued", payload: """
            {"invoiceId": "INV-1", "clientId": "C-1001", "orderId": "O-1", "amount": "3610.00",
             "issuedOn": "2026-12-02", "dueDate": "2027-01-01"}
            """),
        Example(topic: "erp.payments.v1", type: "PaymentReceived", payload: """
            {"paymentId": "PAY-1", "clientId": "C-1001", "amount": "5000.00", "receivedOn": "2026-12-20",
             "allocations": [{"invoiceId": "INV-1", "amount": "3610.00"}]}
            """),
        Example(topic: "erp.credit-notes.v1", type: "CreditNoteIssued", payload: """
            {"creditNoteId": "CN-1", "clientId": "C-1001", "invoiceId": "INV-1", "orderId": "O-1",
             "amount": "190.00", "issuedOn": "2026-12-03", "reason": "return",
             "lines": [{"sku": "MILK-1L", "quantity": 2}]}
            """),
        Example(topic: "kam.order-decisions.v1", type: "OrderConfirmed", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "kamId": "kam-ivanova", "priceListId": "PL-2026-12",
             "priceColumn": 2, "discountPercent": "5.00",
             "lines": [{"lineNo": 1, "sku": "MILK-1L", "quantity": 40, "unitPrice": "95.00", "lineTotal": "3610.00"}],
             "total": "3610.00", "confirmedAt": "2026-11-30T07:15:00.250Z", "approvedBy": "head-smirnov"}
            """),
        Example(topic: "kam.order-decisions.v1", type: "OrderOnHold", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "total": "3610.00",
             "reasons": [{"code": "DISCOUNT_APPROVAL_REQUIRED", "message": "5.00% above contract 3.00%"}],
             "heldAt": "2026-11-30T07:15:00Z"}
            """),
        Example(topic: "kam.order-decisions.v1", type: "OrderRejected", payload: """
            {"orderId": "O-2", "clientId": "C-1001",
             "reasons": [{"code": "INVALID_LINE", "message": "line 1: quantity 0"},
                         {"code": "NO_CONTRACT", "message": "client has no contract"}],
             "rejectedAt": "2026-11-30T07:15:00Z"}
            """),
        Example(topic: "kam.dunning.v1", type: "DunningNoticeIssued", payload: """
            {"clientId": "C-1001", "kamId": "kam-ivanova", "level": 2, "asOf": "2027-01-16",
             "totalOverdue": "3610.00",
             "invoices": [{"invoiceId": "INV-1", "outstanding": "3610.00", "dueDate": "2027-01-01", "daysOverdue": 15}]}
            """),
        Example(topic: "kam.deadletter.v1", type: "DeadLetter", payload: """
            {"service": "orders", "consumerGroup": "kam-orders", "sourceTopic": "erp.orders.v1",
             "sourcePartition": 3, "sourceOffset": 42, "originalKey": null, "originalValue": "bm90IGpzb24=",
             "error": "value is not valid JSON", "deadLetteredAt": "2026-11-30T07:15:01Z"}
            """),
        Example(topic: "kam.orders.credit-requests.v1", type: "CreditCheckRequested", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "kamId": "kam-ivanova", "total": "3610.00",
             "businessDate": "2026-11-30", "requestedAt": "2026-11-30T07:15:00Z"}
            """),
        Example(topic: "kam.credit.decisions.v1", type: "CreditCheckDecided", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "outcome": "held",
             "reasons": [{"code": "CREDIT_LIMIT_EXCEEDED", "message": "exposure 498000.00 + 3610.00 > 500000.00"}],
             "exposure": "-12.50", "creditLimit": "500000.00", "decidedAt": "2026-11-30T07:15:00Z"}
            """),
        Example(topic: "kam.credit.decisions.v1", type: "CreditCheckDecided", payload: """
            {"orderId": "O-1", "clientId": "C-1001", "outcome": "rejected",
             "reasons": [{"code": "OVERDUE_RECEIVABLES", "message": "overdue receivables 3610.00: INV-1 due 2026-11-20 (10 days)"}],
             "exposure": "3610.00", "creditLimit": "500000.00", "decidedAt": "2026-11-30T09:00:00Z",
             "decidedBy": "head-smirnov", "comment": "сначала погасить долг"}
            """),
        Example(topic: "kam.receivables.open-items.v1", type: "ClientOpenItemsChanged", payload: """
            {"clientId": "C-1001", "version": 7,
             "openInvoices": [{"invoiceId": "INV-1", "orderId": "O-1", "outstanding": "3610.00",
                               "issuedOn": "2026-10-21", "dueDate": "2026-11-20"}],
             "unappliedCredit": "0.00",
             "discipline": {"asOf": "2026-11-30", "windowDays": 365, "settledInvoices": 4, "paidOnTime": 3,
                            "averageDaysLate": "1.25", "shareOnTimePct": "75.00", "dso": "27.08",
                            "outstanding": "3610.00", "invoicedLast90Days": "12000.00"}}
            """),
    ]
}
