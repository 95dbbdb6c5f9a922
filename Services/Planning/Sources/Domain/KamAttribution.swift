import Contracts
import Foundation

/// One `ClientUpserted` as planning keeps it: from `effectiveOn` (the business date of its
/// `occurredAt`) the client belongs to `kamId`, with this tier and status.
public struct ClientCard: Sendable, Equatable {
    public var clientId: String
    public var occurredAt: Date
    public var effectiveOn: BusinessDate
    public var kamId: String
    public var tier: ClientTier
    public var status: ClientStatus
    /// The client's name as the ERP sent it (nil for upserts stored before names were kept).
    public var name: String?

    public init(clientId: String, occurredAt: Date, effectiveOn: BusinessDate, kamId: String,
                tier: ClientTier, status: ClientStatus, name: String? = nil) {
        self.clientId = clientId
        self.occurredAt = occurredAt
        self.effectiveOn = effectiveOn
        self.kamId = kamId
        self.tier = tier
        self.status = status
        self.name = name
    }
}

/// Who owned which client when (SPEC 5.4): a document belongs to the KAM of the client's
/// latest upsert (by `occurredAt`) whose business date is on or before the document's date.
/// A document older than every upsert of its client goes to the earliest KAM known for it
/// (the ERP had the client before it told us); a client never upserted belongs to nobody.
public struct KamAttribution: Sendable {
    /// Each client's cards, oldest `occurredAt` first.
    private let history: [String: [ClientCard]]

    public init(_ cards: [ClientCard]) {
        history = Dictionary(grouping: cards, by: \.clientId).mapValues { cards in
            cards.sorted { ($0.occurredAt, $0.kamId) < ($1.occurredAt, $1.kamId) }
        }
    }

    public var clientIds: some Collection<String> { history.keys }

    /// The card in force on `date`.
    public func card(of clientId: String, on date: BusinessDate) -> ClientCard? {
        guard let cards = history[clientId], let first = cards.first else { return nil }
        // Business dates grow with occurredAt, so the cards in force by `date` are a prefix.
        var low = 0, high = cards.count
        while low < high {
            let mid = (low + high) / 2
            if cards[mid].effectiveOn <= date { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? first : cards[low - 1]
    }

    public func kam(of clientId: String, on date: BusinessDate) -> String? {
        card(of: clientId, on: date)?.kamId
    }

    /// The latest card: the client as the ERP describes it now (SPEC §3: the latest occurredAt wins).
    public func current(_ clientId: String) -> ClientCard? { history[clientId]?.last }

    /// Clients whose latest card names `kamId`, by id.
    public func currentClients(of kamId: String) -> [ClientCard] {
        history.values.compactMap(\.last).filter { $0.kamId == kamId }.sorted { $0.clientId < $1.clientId }
    }

    /// Clients that belong to `kamId` on `date`.
    public func clients(of kamId: String, on date: BusinessDate) -> [String] {
        history.keys.filter { kam(of: $0, on: date) == kamId }.sorted()
    }
}
