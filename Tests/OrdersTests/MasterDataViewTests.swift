import Contracts
import Foundation
import Testing
@testable import Orders

/// The master data a batch decides with: the cache's committed state plus the batch's own writes.
@Suite struct MasterDataViewTests {
    typealias Header = MasterDataCache.PriceListHeader

    static func header(_ id: String, from: String, at seconds: Double, generation: Int64 = 1) -> Header {
        Header(priceListId: id, effectiveFrom: F.date(from), occurredAt: Date(timeIntervalSince1970: seconds), generation: generation)
    }

    static func view(_ headers: [Header]) -> MasterDataView {
        var state = MasterDataCache.State()
        for h in headers { state.lists[h.priceListId] = h }
        return MasterDataView(state)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let headers: [Header]
        let on: String
        let expected: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "the latest effectiveFrom on or before the date", headers: [
            header("PL-11", from: "2026-11-01", at: 1), header("PL-12", from: "2026-12-01", at: 2)], on: "2026-11-30", expected: "PL-11"),
        Case(name: "effective on its first day", headers: [
            header("PL-11", from: "2026-11-01", at: 1), header("PL-12", from: "2026-12-01", at: 2)], on: "2026-12-01", expected: "PL-12"),
        Case(name: "same effectiveFrom: the later publication wins", headers: [
            header("PL-B", from: "2026-11-01", at: 5), header("PL-A", from: "2026-11-01", at: 9)], on: "2026-11-30", expected: "PL-A"),
        Case(name: "nothing effective yet", headers: [header("PL-12", from: "2026-12-01", at: 1)], on: "2026-11-30", expected: nil),
    ])
    func effectiveList(_ c: Case) {
        #expect(Self.view(c.headers).effectiveList(on: F.date(c.on))?.priceListId == c.expected)
    }

    @Test("the batch's own price list wins over the cached one of the same id, and its items are used")
    func overlayWins() {
        var view = Self.view([Self.header("PL-11", from: "2026-11-01", at: 1)])
        view.known.items["PL-11"] = .init(generation: 1, prices: ["MILK-1L": F.prices(F.milkPrices)])
        view.lists["PL-11"] = (Self.header("PL-11", from: "2026-11-01", at: 2, generation: 2), ["MILK-1L": F.prices(["1.00", "2.00"])])
        let book = view.priceBook(on: F.date("2026-11-30"), skus: ["MILK-1L", "BREAD"])
        #expect(book?.prices == ["MILK-1L": F.prices(["1.00", "2.00"])])
        #expect(view.listsWithoutItems(on: [F.date("2026-11-30")]).isEmpty)
    }

    @Test("items cached for an older generation of the list are not used")
    func staleItems() {
        var view = Self.view([Self.header("PL-11", from: "2026-11-01", at: 2, generation: 7)])
        view.known.items["PL-11"] = .init(generation: 3, prices: [:])
        #expect(view.listsWithoutItems(on: [F.date("2026-11-30")]) == ["PL-11"])
    }

    @Test("merging keeps the newest version of each entry, whichever refresh finishes last")
    func mergeKeepsNewest() {
        let old = MasterDataCache.Client(terms: F.client(status: .active), occurredAt: F.t0, generation: 4)
        let new = MasterDataCache.Client(terms: F.client(status: .blocked), occurredAt: F.t0.addingTimeInterval(60), generation: 6)
        var state = MasterDataCache.State()
        state.merge(.init(generation: 6, clients: [new]), needed: [], maxClients: 10)
        state.merge(.init(generation: 5, clients: [old]), needed: ["C-1001", "C-404"], maxClients: 10)
        #expect(state.clients["C-1001"]?.terms.status == .blocked)
        #expect(state.generation == 6)
        #expect(state.absent == ["C-404"])
        // A client written later shows up as a change and is no longer absent.
        let late = MasterDataCache.Client(terms: ClientTerms(clientId: "C-404", kamId: "k", status: .active, contract: nil),
                                          occurredAt: F.t0, generation: 7)
        state.merge(.init(generation: 7, clients: [late]), needed: [], maxClients: 10)
        #expect(state.absent.isEmpty && state.clients["C-404"] != nil)
        state.merge(.init(generation: 7), needed: [], maxClients: 1)
        #expect(state.clients.isEmpty && state.generation == 7)
    }
}
