import Contracts
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Clients and price lists as this instance last read them, kept across batches and shared by
/// the consumer loop and the parked-order retrier. Read-through with invalidation: a refresh
/// asks, in one statement, for the clients it lacks and for whatever changed since the
/// generation it saw last (migration 104), so what another instance wrote — from partitions
/// this one does not own — is seen on the next batch. Entries only come from committed rows;
/// a batch's own writes are an overlay for that batch (`MasterDataView`) until they commit.
final class MasterDataCache: Sendable {
    struct Client: Sendable {
        var terms: ClientTerms
        var occurredAt: Date
        var generation: Int64
    }

    struct PriceListHeader: Sendable, Equatable {
        var priceListId: String
        var effectiveFrom: BusinessDate
        var occurredAt: Date
        var generation: Int64
    }

    /// A price list's items as of its header's generation.
    struct Items: Sendable {
        var generation: Int64
        var prices: [String: [Money]]
    }

    struct State: Sendable {
        /// Everything written up to this generation is in here (or was never asked for).
        var generation: Int64 = -1
        var clients: [String: Client] = [:]
        /// Asked for and not in the database at `generation`; a later write shows up as a change.
        var absent: Set<String> = []
        var lists: [String: PriceListHeader] = [:]
        var items: [String: Items] = [:]
    }

    private let state = Mutex(State())
    /// Past this many clients the client part starts afresh (reloaded as batches need them).
    let maxClients: Int

    init(maxClients: Int = 100_000) { self.maxClients = maxClients }

    /// Brings the cache up to date for a batch that needs `clientIds`, in one query; returns
    /// what it knows then.
    func refresh(clientIds: some Sequence<String>, on connection: PostgresConnection, logger: Logger) async throws -> State {
        let (last, needed) = state.withLock { s in
            (s.generation, Set(clientIds.filter { s.clients[$0] == nil && !s.absent.contains($0) }))
        }
        let changes = try await MasterDataStore(connection: connection, logger: logger).changes(since: last, clients: needed.sorted())
        return state.withLock { s in
            s.merge(changes, needed: needed, maxClients: maxClients)
            return s
        }
    }

    /// Loads the items of the named price lists that are not cached as of their header, in one
    /// query; returns what the cache knows then.
    func loadItems(of listIds: Set<String>, on connection: PostgresConnection, logger: Logger) async throws -> State {
        let missing = state.withLock { s in listIds.filter { id in s.items[id].map { $0.generation != s.lists[id]?.generation } ?? true } }
        if missing.isEmpty { return state.withLock { $0 } }
        let loaded = try await MasterDataStore(connection: connection, logger: logger).priceLists(missing.sorted())
        return state.withLock { s in
            for (header, prices) in loaded {
                if (s.lists[header.priceListId]?.generation ?? .min) <= header.generation { s.lists[header.priceListId] = header }
                if s.lists[header.priceListId]?.generation == header.generation {
                    s.items[header.priceListId] = Items(generation: header.generation, prices: prices)
                }
            }
            return s
        }
    }

    /// Drops everything (tests; a fresh start reloads what batches need).
    func clear() { state.withLock { $0 = State() } }
}

extension MasterDataCache.State {
    /// Keeps the newest version of every entry, whatever order concurrent refreshes finish in.
    mutating func merge(_ changes: MasterDataStore.Changes, needed: Set<String>, maxClients: Int) {
        if clients.count + absent.count > maxClients {
            clients.removeAll()
            absent.removeAll()
        }
        for client in changes.clients where (clients[client.terms.clientId]?.generation ?? .min) <= client.generation {
            clients[client.terms.clientId] = client
            absent.remove(client.terms.clientId)
        }
        for id in needed where clients[id] == nil { absent.insert(id) }
        for list in changes.lists where (lists[list.priceListId]?.generation ?? .min) <= list.generation {
            lists[list.priceListId] = list
        }
        generation = max(generation, changes.generation)
    }
}
