import Contracts
import Foundation
import Kafka
import ServiceKit
import TestSupport

/// An ERP day for fault tests: clients of one KAM with limits no order reaches, then a
/// steady stream of orders, with an invoice for every 4th order and a payment for every
/// 8th. It remembers what it sent, so a test can check that every order got exactly one
/// decision and that the ledgers add up to the kopeck.
final class ErpStream: @unchecked Sendable {
    static let kam = "kam-faults"
    let p: Platform4
    let clients: [String]
    private let lock = NSLock()
    private(set) var orderIds: [String] = []
    /// clientId → Σ invoices, Σ payments (kopecks).
    private(set) var invoiced: [String: Int64] = [:]
    private(set) var paid: [String: Int64] = [:]
    private var next = 0
    let runId = UUID().uuidString.prefix(6)

    init(_ p: Platform4, clients: Int = 50) {
        self.p = p
        self.clients = (0..<clients).map { String(format: "C-F%03d", $0) }
    }

    func publishMasterData() async throws {
        try await p.publish(Topics.erpPriceLists, key: Fixtures.priceList.priceListId, [Fixtures.priceList])
        for c in clients {
            try await p.publish(Topics.erpClients, key: c, [Fixtures.client(c, kam: Self.kam, limit: "100000000.00")])
        }
    }

    /// Publishes `count` orders (with their invoices and payments) at about `perSecond`.
    func send(_ count: Int, perSecond: Int) async throws {
        let start = ContinuousClock.now
        for i in 0..<count {
            try await sendOne()
            let due = start + .milliseconds(1000 * (i + 1) / perSecond)
            if ContinuousClock.now < due { try await Task.sleep(until: due) }
        }
    }

    /// Sends until `stop()` says so; returns how many orders it sent.
    func stream(perSecond: Int, while running: @Sendable () -> Bool) async throws -> Int {
        var sent = 0
        let start = ContinuousClock.now
        while running() {
            try await sendOne()
            sent += 1
            let due = start + .milliseconds(1000 * sent / perSecond)
            if ContinuousClock.now < due { try await Task.sleep(until: due) }
        }
        return sent
    }

    private func sendOne() async throws {
        let k = lock.withLock { () -> Int in
            defer { next += 1 }
            return next
        }
        let client = clients[k % clients.count]
        let orderId = "F\(runId)-\(k)"
        var records = [try record(Topics.erpOrders, key: client,
                                  Fixtures.order(orderId, client: client, [("MILK-1L", Int64(k % 10 + 1))]))]
        var invoice: Int64 = 0
        var payment: Int64 = 0
        if k % 4 == 0 {
            invoice = Int64(k % 7 + 1) * 10_000
            records.append(try record(Topics.erpInvoices, key: client, InvoiceIssued(
                invoiceId: "INV-\(orderId)", clientId: client, orderId: orderId, amount: Money(kopecks: invoice),
                issuedOn: Fixtures.day, dueDate: try BusinessDate(parsing: "2026-12-30"))))
        }
        if k % 8 == 0 {
            payment = 5_000
            records.append(try record(Topics.erpPayments, key: client, PaymentReceived(
                paymentId: "PAY-\(orderId)", clientId: client, amount: Money(kopecks: payment), receivedOn: Fixtures.day)))
        }
        try await resendUntilAcknowledged(records)
        lock.withLock {
            orderIds.append(orderId)
            invoiced[client, default: 0] += invoice
            paid[client, default: 0] += payment
        }
    }

    /// Like an ERP, resends what the broker did not acknowledge within the delivery timeout (a
    /// broker starved on a loaded machine): the records keep their messageIds, so the platform
    /// handles each once. Gives up after a minute.
    private func resendUntilAcknowledged(_ records: [ProducerRecord]) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await p.erp.send(records)
            } catch let error as KafkaError where !error.refusesRecordForGood && ContinuousClock.now < deadline {
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func record<P: MessagePayload>(_ topic: TopicSpec, key: String, _ payload: P) throws -> ProducerRecord {
        ProducerRecord(topic: p.prefix + topic.name, key: key, value: try Envelope(occurredAt: Date(), payload: payload).jsonBytes())
    }

    var sentOrders: [String] { lock.withLock { orderIds } }
    var totalInvoiced: Int64 { lock.withLock { invoiced.values.reduce(0, +) } }
    var totalOutstanding: Int64 { lock.withLock { invoiced.values.reduce(0, +) - paid.values.reduce(0, +) } }
    func outstanding(_ client: String) -> Int64 { lock.withLock { (invoiced[client] ?? 0) - (paid[client] ?? 0) } }
}

/// A flag a background stream checks.
final class RunFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var on = true
    var isOn: Bool { lock.withLock { on } }
    func stop() { lock.withLock { on = false } }
}
