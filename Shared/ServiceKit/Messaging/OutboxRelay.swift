import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Publishes committed outbox rows in id order and deletes each row once the broker has
/// acknowledged it. A crash between the two republishes (consumers dedupe by messageId);
/// nothing is ever lost, and a row the broker acknowledged is never sent again.
///
/// No transaction or pooled connection is held across the broker round trip: one query
/// takes the publishing lease and reads a batch, the producer delivers it, one statement
/// deletes what was acknowledged. The lease (a row renewed on every batch) keeps replicas
/// of a service from publishing the same rows concurrently. A row the broker refuses for
/// good (too large, invalid) moves to `outbox_refused` instead of blocking the rest.
public final class OutboxRelay: Service, Sendable {
    let postgres: PostgresClient
    let producer: KafkaProducer
    let metrics: PlatformMetrics
    let logger: Logger
    let batchSize: Int
    let topicPrefix: String
    let leaseHolder = UUID().uuidString
    /// Longer than the producer's delivery timeout, so a slow batch keeps its lease.
    let leaseSeconds: Int
    private let signal = WakeSignal()
    static let databaseDeadline: Duration = .seconds(30)
    /// What readiness reports about publishing.
    public let health = ComponentHealth(name: "outbox relay")

    public init(postgres: PostgresClient, producer: KafkaProducer, metrics: PlatformMetrics, logger: Logger,
                topicPrefix: String = "", batchSize: Int = 1000, leaseSeconds: Int = 60) {
        self.topicPrefix = topicPrefix
        self.postgres = postgres
        self.producer = producer
        self.metrics = metrics
        self.logger = logger
        self.batchSize = batchSize
        self.leaseSeconds = leaseSeconds
    }

    public func wake() { signal.signal() }

    /// The producer's delivery timeout and 5 s: a live relay renews the lease at least once per
    /// delivery round, and a crashed one (SIGKILL) holds back its successor no longer than that.
    public static func leaseSeconds(for kafka: KafkaClientConfig) -> Int {
        let deliveryMilliseconds = kafka["message.timeout.ms"].flatMap(Int.init) ?? 15_000
        return (deliveryMilliseconds + 999) / 1000 + 5
    }

    public func run() async throws {
        var failures = 0
        while !Task.isCancelled {
            let shuttingDown = Task.isShuttingDownGracefully
            do {
                let sent = try await publishBatch()
                if failures > 0 { logger.notice("outbox relay recovered", metadata: ["attempts": "\(failures)"]) }
                failures = 0
                health.ok()
                if sent == batchSize { continue }
                if shuttingDown { break }  // drained after the consumer stopped
            } catch {
                failures += 1
                health.failing("publishing the outbox failed: \(error)")
                if failures == 1 || failures % 10 == 0 {
                    logger.warning("outbox relay failed; retrying", metadata: ["attempt": "\(failures)", "error": "\(String(reflecting: error))"])
                }
                if shuttingDown && failures > 3 { break }
                try? await Task.sleep(for: Backoff.standard.delay(attempt: failures))
                continue
            }
            await signal.wait(timeout: .milliseconds(250))
        }
        try? await postgres.query("UPDATE outbox_lease SET expires_at = now() WHERE holder = \(leaseHolder)", logger: logger)
        await producer.close()
        logger.info("outbox relay stopped; producer flushed")
    }

    struct Row {
        var id: Int64
        var record: ProducerRecord
    }

    /// Publishes up to `batchSize` rows; returns how many the broker acknowledged. Throws
    /// when some rows were not acknowledged (they stay, and the next attempt resends them).
    public func publishBatch() async throws -> Int {
        var stages = StageTimer()
        let (rows, backlog) = try await Deadline.run("reading the outbox", limit: Self.databaseDeadline) { [self] in
            try await leaseAndRead()
        }
        metrics.outboxBacklog(backlog)
        if rows.isEmpty { return 0 }
        stages.lap("read")
        let outcomes = try await producer.deliver(rows.map(\.record))
        stages.lap("deliver")
        var acknowledged: [Int64] = []
        var refused: [(Int64, String)] = []
        var failed: [KafkaError] = []
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case nil: acknowledged.append(row.id)
            case let error? where error.refusesRecordForGood: refused.append((row.id, error.message))
            case let error?: failed.append(error)
            }
        }
        if !acknowledged.isEmpty {
            try await Deadline.run("deleting published outbox rows", limit: Self.databaseDeadline) { [self, acknowledged] in
                try await postgres.query("DELETE FROM outbox WHERE id = ANY(\(acknowledged))", logger: logger)
            }
            metrics.published(count: acknowledged.count)
            stages.lap("delete")
        }
        if !refused.isEmpty {
            try await Deadline.run("moving refused outbox rows", limit: Self.databaseDeadline) { [self, refused] in
                try await moveToRefused(refused)
            }
        }
        metrics.outboxBacklog(backlog - acknowledged.count - refused.count)
        metrics.observeStages(stages.laps, in: "relay")
        if let first = failed.first {
            throw KafkaError(code: first.code, message: "\(failed.count) of \(rows.count) outbox rows not acknowledged: \(first.message)")
        }
        return acknowledged.count
    }

    /// One round trip: renew or take the lease and, if held, read the oldest rows and the
    /// backlog's size. The size is the span of ids (two index probes; gaps are rare: rows
    /// moved aside or acknowledged out of order), not a count: counting every row on each read
    /// made draining a large backlog quadratic.
    private func leaseAndRead() async throws -> ([Row], Int) {
        let result = try await postgres.query("""
            WITH lease AS (
              UPDATE outbox_lease SET holder = \(leaseHolder), expires_at = now() + make_interval(secs => \(leaseSeconds))
              WHERE id = 1 AND (holder = \(leaseHolder) OR expires_at < now()) RETURNING 1)
            SELECT id, topic, key, value, traceparent, (SELECT max(id) - min(id) + 1 FROM outbox)::bigint FROM outbox
            WHERE EXISTS (SELECT 1 FROM lease) ORDER BY id LIMIT \(batchSize)
            """, logger: logger)
        var rows: [Row] = []
        var backlog = 0
        for try await (id, topic, key, value, trace, span) in result.decode((Int64, String, String?, String, String?, Int).self) {
            backlog = span
            rows.append(Row(id: id, record: ProducerRecord(topic: topicPrefix + topic, key: key, value: Array(value.utf8),
                                                           headers: trace.map { [("traceparent", Array($0.utf8))] } ?? [])))
        }
        return (rows, rows.count < batchSize ? rows.count : max(backlog, rows.count))
    }

    private func moveToRefused(_ refused: [(Int64, String)]) async throws {
        let ids = refused.map(\.0)
        let errors = refused.map(\.1)
        try await postgres.query("""
            WITH refused AS (SELECT * FROM unnest(\(ids)::bigint[], \(errors)::text[]) AS r(id, error)),
                 moved AS (DELETE FROM outbox o USING refused r WHERE o.id = r.id RETURNING o.*, r.error)
            INSERT INTO outbox_refused (id, topic, key, value, traceparent, created_at, error)
            SELECT id, topic, key, value, traceparent, created_at, error FROM moved
            """, logger: logger)
        for (id, error) in refused {
            logger.error("the broker refused an outbox row for good; kept in outbox_refused", metadata: ["id": "\(id)", "error": "\(error)"])
        }
        metrics.refused(count: refused.count)
    }
}

/// A level-triggered wake-up with a timeout: signals while nobody waits are not lost.
public final class WakeSignal: Sendable {
    public init() {}
    private let state = Mutex<State>(State())

    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    public func signal() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let resumeNow: Bool = self.state.withLock { s in
                        if s.pending {
                            s.pending = false
                            return true
                        }
                        s.waiter = c
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
            self.state.withLock { $0.pending = false }
        }
    }
}
