import Contracts
import Foundation

/// The master data one batch decides with: the cache's committed state plus what the batch
/// itself wrote (an overlay, gone with the batch). Pure lookups, no I/O.
struct MasterDataView: Sendable {
    var known: MasterDataCache.State
    var clients: [String: MasterDataCache.Client] = [:]
    var lists: [String: (header: MasterDataCache.PriceListHeader, prices: [String: [Money]])] = [:]

    init(_ known: MasterDataCache.State) { self.known = known }

    func clientEntry(_ clientId: String) -> MasterDataCache.Client? { clients[clientId] ?? known.clients[clientId] }

    func client(_ clientId: String) -> ClientTerms? { clientEntry(clientId)?.terms }

    /// The header of the list effective on `date`: the latest effectiveFrom on or before it;
    /// of two with the same effectiveFrom, the later publication (then the higher id).
    func effectiveList(on date: BusinessDate) -> MasterDataCache.PriceListHeader? {
        var best: MasterDataCache.PriceListHeader?
        func consider(_ h: MasterDataCache.PriceListHeader) {
            guard h.effectiveFrom <= date else { return }
            if let b = best, (b.effectiveFrom, b.occurredAt, b.priceListId) >= (h.effectiveFrom, h.occurredAt, h.priceListId) { return }
            best = h
        }
        for (id, h) in known.lists where lists[id] == nil { consider(h) }
        for (_, l) in lists { consider(l.header) }
        return best
    }

    /// Lists effective on these dates whose items neither the overlay nor the cache holds.
    func listsWithoutItems(on dates: Set<BusinessDate>) -> Set<String> {
        Set(dates.compactMap { effectiveList(on: $0) }.filter { h in
            lists[h.priceListId] == nil && known.items[h.priceListId]?.generation != h.generation
        }.map(\.priceListId))
    }

    /// The list effective on `date`, reduced to `skus`; nil when none is effective.
    func priceBook(on date: BusinessDate, skus: [String]) -> PriceBook? {
        guard let header = effectiveList(on: date) else { return nil }
        let all = lists[header.priceListId]?.prices ?? known.items[header.priceListId]?.prices ?? [:]
        var prices: [String: [Money]] = [:]
        for sku in skus { if let p = all[sku] { prices[sku] = p } }
        return PriceBook(priceListId: header.priceListId, prices: prices)
    }
}
