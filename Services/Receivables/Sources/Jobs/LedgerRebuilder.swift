import Contracts
import ServiceKit
import ServiceLifecycle

/// Builds the stored ledger of clients marked stale — all clients once, after migration 103,
/// or documents seeded directly (the ageing bench) — from their documents, a chunk at a time
/// while the service runs. Until a client is rebuilt, reads replay its documents and its next
/// document replays it too, so nothing waits for this job.
final class LedgerRebuilder: Service, Sendable {
    let platform: Platform
    static let chunk = 200

    init(platform: Platform) { self.platform = platform }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if try await rebuildChunk() == Self.chunk { continue }
            } catch {
                platform.logger.warning("ledger rebuild failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
            await ShutdownAware.sleep(for: .seconds(2))
        }
    }

    /// Rebuilds up to `chunk` stale clients that no other transaction holds; returns how many.
    func rebuildChunk() async throws -> Int {
        let rebuilt = try await platform.transaction { context -> Int in
            let ledgers = LedgerStore(connection: context.connection, logger: context.logger)
            let ids = try await ledgers.lockStale(limit: Self.chunk)
            if ids.isEmpty { return 0 }
            let docs = try await ReceivablesStore(connection: context.connection, logger: context.logger).documents(clientIds: ids, asOf: nil)
            try await ledgers.save(ids.map { LedgerChange(clientId: $0, replayed: true, book: LedgerBook.replay(docs[$0] ?? [])) })
            return ids.count
        }
        if rebuilt > 0 { platform.logger.info("rebuilt stored ledgers", metadata: ["clients": "\(rebuilt)"]) }
        return rebuilt
    }
}
