import Contracts

/// One client of a KAM's book as `GET /clients` lists it: who it is now, what it owes past
/// due today and when someone last called or visited it.
public struct ClientBookEntry: Encodable, Sendable, Equatable {
    public var clientId: String
    /// null for a client whose upserts were stored before names were kept.
    @NullWhenAbsent public var name: String?
    public var kamId: String
    public var tier: ClientTier
    public var status: ClientStatus
    /// Outstanding past its due date today, from receivables' latest open items; zero when none.
    public var overdueAmount: Money
    /// The business date of the latest logged contact, by anyone; null when never.
    @NullWhenAbsent public var lastContact: BusinessDate?

    public init(clientId: String, name: String?, kamId: String, tier: ClientTier, status: ClientStatus,
                overdueAmount: Money, lastContact: BusinessDate?) {
        self.clientId = clientId
        self.name = name
        self.kamId = kamId
        self.tier = tier
        self.status = status
        self.overdueAmount = overdueAmount
        self.lastContact = lastContact
    }
}

public enum ClientBookRules {
    /// The clients owned now by `kamId` (every client for nil), by id: the order pages are cut from.
    public static func clients(_ owners: KamAttribution, kamId: String?) -> [ClientCard] {
        guard let kamId else { return owners.clientIds.compactMap(owners.current).sorted { $0.clientId < $1.clientId } }
        return owners.currentClients(of: kamId)
    }

    /// Each card with its overdue debt on `today` and its latest contact.
    public static func entries(_ cards: [ClientCard], today: BusinessDate, snapshots: [String: OpenItemsSnapshot],
                               lastContacts: [String: BusinessDate]) -> [ClientBookEntry] {
        cards.map { card in
            ClientBookEntry(clientId: card.clientId, name: card.name, kamId: card.kamId, tier: card.tier, status: card.status,
                            overdueAmount: snapshots[card.clientId]?.overdue(on: today) ?? .zero,
                            lastContact: lastContacts[card.clientId])
        }
    }
}
