import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle

/// Publishes committed outbox rows in id order and deletes them once the broker has
/// acknowledged them. A crash between the two republishes (consumers dedupe by
/// messageId); nothing is ever lost. Woken right after each commit, and polls as a fallback.
public final class OutboxRelay: Service, @unchecked Sendable {
    let postgres: PostgresClient
    let producer: KafkaProducer
    let metrics: PlatformMetrics
    let logger: Logger
    let batchSize: Int
    let topicPrefix: String
    private let signal = WakeSignal()

    public init(postgres: PostgresClient, producer: KafkaProducer, metrics: PlatformMetrics, logger: Logger, topicPrefix: String = "", batchSize: Int = 1000) {
        self.topicPrefix = topicPrefix
        self.postgres = postgres
        self.producer = producer
        self.metrics = metrics
        self.logger = logger
        self.batchSize = batchSize
    }

    public func wake() { signal.signal() }

    public func run() async throws {
        var failures = 0
        while !Task.isCancelled {
            let shuttingDown = Task.isShuttingDownGracefully
            do {
                let sent = try await publishBatch()
                failures = 0
                if sent == batchSize { continue }
                if shuttingDown { break }  // drained after the consumer stopped
            } catch {
                failures += 1
                logger.warning("outbox relay failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                if shuttingDown && failures > 5 { break }
                try? await Task.sleep(for: .milliseconds(min(100 * failures, 2_000)))
                continue
            }
            await signal.wait(timeout: .milliseconds(250))
        }
        await producer.close()
        logger.info("outbox relay stopped; producer flushed")
    }

    /// Publishes up to `batchSize` rows; returns how many. Runs under a transaction-scoped
    /// advisory lock, so with several replicas only one relay publishes a schema's outbox at a
    /// time and rows go out in id order.
    public func publishBatch() async throws -> Int {
        let (published, more) = try await postgres.withTransaction(logger: logger) { conn -> (Int, Bool) in
            let locked = try await conn.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))", logger: logger)
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return (0, false) }
            let rows = try await conn.query("""
                SELECT id, topic, key, value, traceparent FROM outbox ORDER BY id LIMIT \(batchSize)
                """, logger: logger)
            var ids: [Int64] = []
            var records: [ProducerRecord] = []
            for try await (id, topic, key, value, trace) in rows.decode((Int64, String, String?, String, String?).self) {
                ids.append(id)
                records.append(ProducerRecord(topic: topicPrefix + topic, key: key, value: Array(value.utf8),
                                              headers: trace.map { [("traceparent", Array($0.utf8))] } ?? []))
            }
            if ids.isEmpty { return (0, false) }
            try await producer.send(records)
            try await conn.query("DELETE FROM outbox WHERE id = ANY(\(ids))", logger: logger)
            return (ids.count, ids.count == batchSize)
        }
        if published > 0 { metrics.published(count: published) }
        if more {
            let backlog = try await postgres.query("SELECT count(*) FROM outbox", logger: logger)
                .collect().first?.decode(Int.self) ?? 0
            metrics.outboxBacklog(backlog)
        } else {
            metrics.outboxBacklog(0)
        }
        return published
    }
}

/// A level-triggered wake-up with a timeout: signals while nobody waits are not lost.
public final class WakeSignal: @unchecked Sendable {
    public init() {}
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    public func signal() {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            if let w = waiter {
                waiter = nil
                return w
            }
            pending = true
            return nil
        }
        w?.resume()
    }

    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let resumeNow: Bool = self.lock.withLock {
                        if self.pending {
                            self.pending = false
                            return true
                        }
                        self.waiter = c
                        return false
                    }
                    if resumeNow { c.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.signal()
            }
            await group.next()
            group.cancelAll()
            // Whichever finished second must not leave a stale wake-up or a dangling waiter.
            await group.next()
            self.lock.withLock { self.pending = false }
        }
    }
}
