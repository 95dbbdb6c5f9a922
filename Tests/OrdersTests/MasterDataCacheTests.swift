import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Orders

/// The master data cache against PostgreSQL, as two orders instances see it: partitions are
/// split between instances, so one reads clients and price lists the other one wrote.
@Suite("Orders: master data cache against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct MasterDataCacheTests {
    static let log = TestStack.logger

    static func client(_ id: String, kam: String) -> ClientUpserted {
        ClientUpserted(clientId: id, name: "n", taxId: "t", kamId: kam, segment: .retailChain, tier: .a, status: .active,
                       contract: F.contract())
    }

    static func upsert(_ client: ClientUpserted, at: Date, on conn: PostgresConnection) async throws -> Set<String> {
        try await MasterDataStore(connection: conn, logger: log).upsertClients([(client, at)]).1
    }

    @Test("another instance's committed writes are seen on the next refresh, uncommitted ones are not; a late older upsert changes nothing")
    func seesWhatAnotherInstanceWrote() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["orders"])
        let a = try await urls["orders"]!.connect(logger: Self.log)
        let b = try await urls["orders"]!.connect(logger: Self.log)
        _ = try await Migrator.apply(OrdersMigrations.all, schema: "orders", on: a, logger: Self.log)
        let cache = MasterDataCache()  // instance A's

        var state = try await cache.refresh(clientIds: ["C-1"], on: a, logger: Self.log)
        #expect(state.clients["C-1"] == nil && state.absent.contains("C-1"))

        // Instance B consumes the partitions with C-1 and the price list.
        let list = PriceListPublished(priceListId: "PL-1", effectiveFrom: F.date("2026-11-01"), items: [
            PriceListItem(sku: "MILK-1L", name: "Молоко", category: "dairy", prices: F.prices(F.milkPrices))])
        let (firstUpsert, listVersion) = try await b.transaction(logger: Self.log) { conn in
            (try await Self.upsert(Self.client("C-1", kam: "kam-1"), at: F.t0, on: conn),
             try await MasterDataStore(connection: conn, logger: Self.log).upsertPriceList(list, occurredAt: F.t0))
        }
        #expect(firstUpsert == ["C-1"])
        #expect(listVersion != nil)
        state = try await cache.refresh(clientIds: [], on: a, logger: Self.log)
        #expect(state.clients["C-1"]?.terms.kamId == "kam-1")
        #expect(!state.absent.contains("C-1"))
        #expect(state.lists["PL-1"]?.effectiveFrom == F.date("2026-11-01"))
        state = try await cache.loadItems(of: ["PL-1"], on: a, logger: Self.log)
        #expect(state.items["PL-1"]?.prices["MILK-1L"] == F.prices(F.milkPrices))

        // A newer upsert replaces it; an older one arriving late is not written.
        let (newer, older) = try await b.transaction(logger: Self.log) { conn in
            (try await Self.upsert(Self.client("C-1", kam: "kam-2"), at: F.t0.addingTimeInterval(60), on: conn),
             try await Self.upsert(Self.client("C-1", kam: "kam-3"), at: F.t0.addingTimeInterval(30), on: conn))
        }
        #expect(newer == ["C-1"])
        #expect(older.isEmpty)
        state = try await cache.refresh(clientIds: ["C-1"], on: a, logger: Self.log)
        #expect(state.clients["C-1"]?.terms.kamId == "kam-2")

        // Written but not committed yet: not seen (and the refresh does not wait for it).
        try await b.query("BEGIN", logger: Self.log)
        _ = try await Self.upsert(Self.client("C-1", kam: "kam-4"), at: F.t0.addingTimeInterval(90), on: b)
        state = try await cache.refresh(clientIds: [], on: a, logger: Self.log)
        #expect(state.clients["C-1"]?.terms.kamId == "kam-2")
        try await b.query("COMMIT", logger: Self.log)
        state = try await cache.refresh(clientIds: [], on: a, logger: Self.log)
        #expect(state.clients["C-1"]?.terms.kamId == "kam-4")

        // A re-published list drops the cached items of its older version.
        let changed = PriceListPublished(priceListId: "PL-1", effectiveFrom: F.date("2026-11-01"), items: [
            PriceListItem(sku: "MILK-1L", name: "Молоко", category: "dairy", prices: F.prices(["1.00"]))])
        try await b.transaction(logger: Self.log) { conn in
            _ = try await MasterDataStore(connection: conn, logger: Self.log).upsertPriceList(changed, occurredAt: F.t0.addingTimeInterval(60))
        }
        let view = MasterDataView(try await cache.refresh(clientIds: [], on: a, logger: Self.log))
        #expect(view.listsWithoutItems(on: [F.date("2026-11-30")]) == ["PL-1"])
        state = try await cache.loadItems(of: ["PL-1"], on: a, logger: Self.log)
        #expect(state.items["PL-1"]?.prices["MILK-1L"] == F.prices(["1.00"]))
        try await a.close()
        try await b.close()
    }
}
