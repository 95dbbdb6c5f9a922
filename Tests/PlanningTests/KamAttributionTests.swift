import Contracts
import Foundation
import Testing
@testable import Planning

/// SPEC 5.4: a document belongs to the KAM of the client's latest upsert whose business date
/// is on or before the document's date.
@Suite struct KamAttributionTests {
    /// C-1 went from ivanova to petrov on 2026-11-16 and to smirnova on 2026-11-20; two upserts
    /// on 2026-11-25 (orlov at 09:00, then sidorov at 09:05 Moscow time).
    static let owners = KamAttribution([
        P.card("C-1", "kam-smirnova", on: "2026-11-20"),
        P.card("C-1", "kam-ivanova", on: "2026-01-10"),
        P.card("C-1", "kam-petrov", on: "2026-11-16"),
        P.card("C-1", "kam-sidorov", on: "2026-11-25", minute: 5),
        P.card("C-1", "kam-orlov", on: "2026-11-25"),
        P.card("C-2", "kam-petrov", on: "2026-03-01", tier: .c, status: .prospect),
    ])

    @Test(arguments: [
        ("C-1", "2026-01-09", "kam-ivanova"),   // before every upsert: the earliest KAM known
        ("C-1", "2026-01-10", "kam-ivanova"),   // the upsert's own business date counts
        ("C-1", "2026-11-15", "kam-ivanova"),
        ("C-1", "2026-11-16", "kam-petrov"),
        ("C-1", "2026-11-19", "kam-petrov"),
        ("C-1", "2026-11-20", "kam-smirnova"),
        ("C-1", "2026-11-24", "kam-smirnova"),
        ("C-1", "2026-11-25", "kam-sidorov"),   // two on one day: the later occurredAt wins
        ("C-1", "2027-06-01", "kam-sidorov"),
        ("C-2", "2026-02-01", "kam-petrov"),
    ] as [(String, String, String)])
    func kamOnADate(client: String, date: String, kam: String) {
        #expect(Self.owners.kam(of: client, on: P.date(date)) == kam)
    }

    @Test func aClientNeverUpsertedBelongsToNobody() {
        #expect(Self.owners.kam(of: "C-9", on: P.date("2026-11-30")) == nil)
        #expect(Self.owners.current("C-9") == nil)
    }

    @Test func theBusinessDateIsMoscowTime() {
        // 22:30Z on the 15th is 01:30 on the 16th in Moscow: from the 16th on.
        let at = P.instant("2026-11-15T22:30:00Z")
        let owners = KamAttribution([
            P.card("C-1", "kam-ivanova", on: "2026-01-10"),
            ClientCard(clientId: "C-1", occurredAt: at, effectiveOn: CompanyCalendar.moscow.businessDate(of: at), kamId: "kam-petrov",
                       tier: .a, status: .active),
        ])
        #expect(owners.kam(of: "C-1", on: P.date("2026-11-15")) == "kam-ivanova")
        #expect(owners.kam(of: "C-1", on: P.date("2026-11-16")) == "kam-petrov")
    }

    @Test func currentClientsFollowTheLatestUpsert() {
        #expect(Self.owners.current("C-1")?.kamId == "kam-sidorov")
        #expect(Self.owners.currentClients(of: "kam-petrov").map(\.clientId) == ["C-2"])
        #expect(Self.owners.currentClients(of: "kam-ivanova").isEmpty)
        #expect(Self.owners.current("C-2")?.status == .prospect)
        #expect(Self.owners.clients(of: "kam-petrov", on: P.date("2026-11-17")) == ["C-1", "C-2"])
    }
}
