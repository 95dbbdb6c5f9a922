import Contracts
import Testing
@testable import Planning

@Suite("A KAM's book of clients")
struct ClientBookTests {
    @Test("the KAM's clients now, by id, with the debt past due today and the last contact")
    func entries() {
        var renamed = P.card("C-2", "kam-petrov", on: "2026-10-01")
        renamed.name = "ООО Ромашка"
        var moved = P.card("C-1", "kam-ivanova", on: "2026-11-10", tier: .b, minute: 5)
        moved.name = "ИП Васильев"
        let owners = KamAttribution([
            renamed, P.card("C-1", "kam-petrov", on: "2026-10-01"), moved, P.card("C-3", "kam-ivanova", on: "2026-10-01", tier: .c),
        ])
        let cards = ClientBookRules.clients(owners, kamId: "kam-ivanova")
        #expect(cards.map(\.clientId) == ["C-1", "C-3"])
        #expect(ClientBookRules.clients(owners, kamId: nil).map(\.clientId) == ["C-1", "C-2", "C-3"])
        #expect(ClientBookRules.clients(owners, kamId: "kam-nobody").isEmpty)

        let today = P.date("2026-11-30")
        let snapshot = P.snapshot("C-1", asOf: "2026-11-29", [
            P.open("INV-1", "1234567.89", issued: "2026-10-01", due: "2026-11-29"),
            P.open("INV-2", "500.00", issued: "2026-11-01", due: "2026-11-30"),
        ])
        let entries = ClientBookRules.entries(cards, today: today, snapshots: ["C-1": snapshot],
                                              lastContacts: ["C-3": P.date("2026-11-27")])
        #expect(entries == [
            ClientBookEntry(clientId: "C-1", name: "ИП Васильев", kamId: "kam-ivanova", tier: .b, status: .active,
                            overdueAmount: P.money("1234567.89"), lastContact: nil),
            ClientBookEntry(clientId: "C-3", name: nil, kamId: "kam-ivanova", tier: .c, status: .active,
                            overdueAmount: .zero, lastContact: P.date("2026-11-27")),
        ])
    }
}
