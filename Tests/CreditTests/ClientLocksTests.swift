import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Credit

/// The per-client lock against PostgreSQL: what two credit instances (or a credit check and
/// the head's decision) do at the same moment for one client happens one after the other.
@Suite("Credit: per-client locks against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct ClientLocksTests {
    static let log = TestStack.logger

    static func connections() async throws -> (PostgresConnection, PostgresConnection) {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["credit"])
        let a = try await urls["credit"]!.connect(logger: log)
        let b = try await urls["credit"]!.connect(logger: log)
        _ = try await Migrator.apply(CreditMigrations.all, schema: "credit", on: a, logger: log)
        return (a, b)
    }

    @Test("a second transaction on the same client waits for the first to commit; another client does not wait")
    func sameClientWaits() async throws {
        let (a, b) = try await Self.connections()
        try await a.query("BEGIN", logger: Self.log)
        try await ClientLocks.lock(["C-1", "C-2"], on: a, logger: Self.log)

        try await b.query("BEGIN", logger: Self.log)
        try await ClientLocks.lock(["C-3"], on: b, logger: Self.log) // free: returns at once
        let waiting = Task {
            try await ClientLocks.lock(["C-3", "C-1"], on: b, logger: Self.log)
            return ContinuousClock.now
        }
        try await Task.sleep(for: .milliseconds(500))
        let released = ContinuousClock.now
        try await a.query("COMMIT", logger: Self.log)
        let acquired = try await waiting.value
        #expect(acquired >= released, "the second lock did not wait for the first transaction")
        try await b.query("COMMIT", logger: Self.log)
        try await a.close()
        try await b.close()
    }

    @Test("two checks of one client at once: the second sees the first's reservation and is held")
    func secondCheckSeesTheFirstReservation() async throws {
        let (a, b) = try await Self.connections()
        let storeA = CreditStore(connection: a, logger: Self.log)
        let storeB = CreditStore(connection: b, logger: Self.log)
        let client = ClientUpserted(clientId: "C-1", name: "n", taxId: "t", kamId: "kam-1", segment: .retailChain, tier: .a,
                                    status: .active, contract: Contract(
                                        contractId: "D-1", signedOn: try BusinessDate(parsing: "2026-01-15"), paymentTermDays: 30,
                                        creditLimit: try Money(parsing: "1000.00"), priceColumn: 1, maxDiscountPercent: .zero))
        try await storeA.saveClient(client, occurredAt: Date(), limits: CreditLimitState(erpLimit: try Money(parsing: "1000.00"), manualLimit: nil))
        let handler = CreditHandler(settings: CreditSettings(ServiceKit.Environment([:])))
        func request(_ id: String) -> CreditCheckRequested {
            CreditCheckRequested(orderId: id, clientId: "C-1", kamId: "kam-1", total: try! Money(parsing: "600.00"),
                                 businessDate: try! BusinessDate(parsing: "2026-11-30"), requestedAt: Date())
        }

        // A checks O-1 under the lock and has not committed yet.
        try await a.query("BEGIN", logger: Self.log)
        try await ClientLocks.lock(["C-1"], on: a, logger: Self.log)
        let first = handler.decide(request("O-1"), credit: try #require(try await storeA.credit("C-1")), at: Date())
        #expect(first.outcome == .approved)
        try await storeA.openOrder(orderId: "O-1", clientId: "C-1", total: try Money(parsing: "600.00"), at: Date())

        // B checks O-2 at the same moment: it waits for the lock, then reads A's reservation.
        let second = Task { () -> CreditOutcome in
            try await b.query("BEGIN", logger: Self.log)
            try await ClientLocks.lock(["C-1"], on: b, logger: Self.log)
            let credit = try await storeB.credit("C-1")!
            try await b.query("COMMIT", logger: Self.log)
            return handler.decide(request("O-2"), credit: credit, at: Date()).outcome
        }
        try await Task.sleep(for: .milliseconds(300))
        try await a.query("COMMIT", logger: Self.log)
        #expect(try await second.value == .held)
        try await a.close()
        try await b.close()
    }
}
