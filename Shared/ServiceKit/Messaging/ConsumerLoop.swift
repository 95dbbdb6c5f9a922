import Contracts
@preconcurrency import Crypto
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle

/// poll → decode (contract violations become dead letters) → handle the batch in one
/// transaction with the inbox → commit → store offsets → wake the outbox relay.
///
/// A failure is sorted by `FailureClassifier`: a permanent one is found by handling the
/// batch one message at a time and dead-lettering the culprit; a transient one (database
/// down, deadlock, broker error, anything unknown) retries the same messages with capped
/// back-off, partitions paused but the consumer still polled so the group keeps it, and
/// `health` says why the service is not ready meanwhile.
public final class ConsumerLoop: Service, Sendable {
    let consumer: KafkaConsumer
    let postgres: PostgresClient
    let handler: any MessageHandler
    let serviceName: String
    let calendar: CompanyCalendar
    let batchSize: Int
    let metrics: PlatformMetrics
    let relay: OutboxRelay
    let logger: Logger
    let clock: @Sendable () -> Date
    let topicPrefix: String
    let backoff: Backoff
    /// A batch still unfinished after this counts as a transient failure (see `Deadline`).
    let batchDeadline: Duration
    /// What readiness reports about message handling.
    public let health = ComponentHealth(name: "consumer loop")

    public init(consumer: KafkaConsumer, postgres: PostgresClient, handler: any MessageHandler, serviceName: String,
                calendar: CompanyCalendar, batchSize: Int, metrics: PlatformMetrics, relay: OutboxRelay, logger: Logger,
                topicPrefix: String = "", backoff: Backoff = .standard, batchDeadline: Duration = .seconds(30),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.batchDeadline = batchDeadline
        self.topicPrefix = topicPrefix
        self.consumer = consumer
        self.postgres = postgres
        self.handler = handler
        self.serviceName = serviceName
        self.calendar = calendar
        self.batchSize = batchSize
        self.metrics = metrics
        self.relay = relay
        self.logger = logger
        self.backoff = backoff
        self.clock = clock
    }

    public func run() async throws {
        defer { metrics.clearLag() }
        var pollFailures = 0
        while !Self.stopping {
            let records: [ConsumerRecord]
            do {
                records = try await consumer.poll(maxRecords: batchSize, timeout: .milliseconds(100))
                pollFailures = 0
            } catch {
                // Only a fatal consumer error lands here; keep the process up and say so.
                pollFailures += 1
                health.failing("polling Kafka failed: \(error)")
                logger.error("poll failed", metadata: ["error": "\(error)", "attempt": "\(pollFailures)"])
                await ShutdownAware.sleep(for: backoff.delay(attempt: pollFailures))
                continue
            }
            metrics.updateLag(group: consumer.groupId, consumer.lag)
            metrics.assignedPartitions(consumer.assignment.count)
            if records.isEmpty { continue }
            guard let handled = await handleUntilDone(records) else { break }
            await consumer.storeOffsets(for: handled)
            relay.wake()
        }
        // The batch in hand is finished and stored: commit it and leave the group.
        try? await consumer.commit()
        await consumer.close()
        logger.info("consumer closed", metadata: ["group": "\(consumer.groupId)"])
    }

    static var stopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// Handles `records` (and whatever polling brings while retrying) until every one is
    /// handled or dead-lettered; returns them for storing their offsets, or nil when a
    /// shutdown interrupted a retry (the rest is redelivered after the restart).
    private func handleUntilDone(_ records: [ConsumerRecord]) async -> [ConsumerRecord]? {
        var paused = Set<TopicPartition>()
        let handled = await retryUntilDone(records, paused: &paused)
        if !paused.isEmpty { try? await consumer.resume(Array(paused)) }
        return handled
    }

    private func retryUntilDone(_ records: [ConsumerRecord], paused: inout Set<TopicPartition>) async -> [ConsumerRecord]? {
        var all = records
        var next = 0  // records before this index are done
        var attempt = 0
        while true {
            do {
                next += try await handle(all[next...])
                if attempt > 0 {
                    logger.notice("recovered; handling resumed", metadata: ["attempts": "\(attempt)"])
                }
                health.ok()
                return all
            } catch {
                next += error.handled
                attempt += 1
                health.failing("\(error.summary) (retry \(attempt))")
                if attempt == 1 || attempt % 10 == 0 {
                    logger.warning("transient failure; retrying the same messages", metadata: [
                        "attempt": "\(attempt)", "pending": "\(all.count - next)", "error": "\(String(reflecting: error.cause))"])
                }
                // Keep the group membership alive while waiting: poll with partitions paused.
                // A rebalance can hand us new partitions meanwhile; their records join the batch.
                let wanted = consumer.assignment.subtracting(paused)
                if !wanted.isEmpty, (try? await consumer.pause(Array(wanted))) != nil { paused.formUnion(wanted) }
                let until = ContinuousClock.now + backoff.delay(attempt: attempt)
                while ContinuousClock.now < until {
                    if Self.stopping { return nil }
                    if let more = try? await consumer.poll(maxRecords: batchSize, timeout: .milliseconds(100)), !more.isEmpty {
                        all += more
                        let extra = Set(more.map { TopicPartition($0.topic, $0.partition) }).subtracting(paused)
                        if (try? await consumer.pause(Array(extra))) != nil { paused.formUnion(extra) }
                    }
                }
            }
        }
    }

    /// A transient failure after `handled` records of the slice were committed.
    struct TransientFailure: Error {
        var handled: Int
        var cause: any Error
        var summary: String { "handling messages failed: \(ConsumerLoop.cause(of: cause))" }
    }

    /// Handles the slice as one transaction; if that fails permanently, one message at a
    /// time, dead-lettering each that fails permanently on its own. Returns how many were done.
    private func handle(_ records: ArraySlice<ConsumerRecord>) async throws(TransientFailure) -> Int {
        if records.isEmpty { return 0 }
        do {
            try await process(records)
            return records.count
        } catch {
            guard FailureClassifier.classify(error) == .permanent else { throw TransientFailure(handled: 0, cause: error) }
        }
        for (done, record) in records.enumerated() {
            do {
                try await process([record])
            } catch {
                guard FailureClassifier.classify(error) == .permanent else { throw TransientFailure(handled: done, cause: error) }
                logger.error("message cannot be handled; dead-lettering it", metadata: [
                    "topic": "\(record.topic)", "partition": "\(record.partition)", "offset": "\(record.offset)",
                    "error": "\(String(reflecting: Self.cause(of: error)))"])
                do { try await deadLetter(record, reason: "processing failed: \(Self.cause(of: error))") } catch {
                    throw TransientFailure(handled: done, cause: error)
                }
            }
        }
        return records.count
    }

    private func process(_ records: ArraySlice<ConsumerRecord>) async throws {
        let started = ContinuousClock.now
        // nil: a message of a type the handler ignores (envelope checked, payload not read).
        var decoded: [(ConsumerRecord, Result<InboundMessage?, ContractError>)] = []
        decoded.reserveCapacity(records.count)
        let wanted = handler.handledTypes
        for r in records {
            do {
                decoded.append((r, .success(try InboundMessage.decode(topic: String(r.topic.dropFirst(topicPrefix.count)), value: r.value,
                                                                      readingPayloadsOf: wanted))))
            } catch { decoded.append((r, .failure(error))) }
        }
        // The inbox key of each record; nil for a message the handler ignores (no effect to repeat).
        let ids: [String?] = decoded.map { r, result in
            switch result {
            case .success(let m): return m?.messageId
            case .failure: return Self.deadLetterId(r)
            }
        }
        let now = clock()
        let consumerName = consumer.groupId
        var stages = StageTimer(started)
        stages.lap("decode")
        let (outcomes, laps) = try await Deadline.run("handling \(records.count) messages", limit: batchDeadline) { [self, decoded, stages] in
            var stages = stages
            let outcomes = try await postgres.withTransaction(logger: logger) { conn -> [(String, String)] in
                stages.lap("begin")
                var outcomes: [(String, String)] = []
                let context = MessageContext(connection: conn, logger: logger, calendar: calendar, now: now)
                var fresh = try await Inbox.claim(ids.compactMap { $0 }, consumer: consumerName, on: conn, logger: logger)
                stages.lap("inbox")
                var batch: [IncomingMessage] = []
                batch.reserveCapacity(decoded.count)
                for (index, (record, result)) in decoded.enumerated() {
                    guard let id = ids[index] else {
                        outcomes.append((record.topic, "ignored"))
                        continue
                    }
                    // The first occurrence of an id in the batch takes it; repeats are duplicates.
                    guard fresh.remove(id) != nil else {
                        outcomes.append((record.topic, "duplicate"))
                        continue
                    }
                    switch result {
                    case .failure(let error):
                        logger.warning("contract violation; dead-lettering", metadata: [
                            "topic": "\(record.topic)", "offset": "\(record.offset)", "error": "\(error.reason)"])
                        try context.emitDeadLetter(record, service: serviceName, group: consumerName, error: error.reason)
                        outcomes.append((record.topic, "dead_lettered"))
                    case .success(let message?):
                        batch.append(IncomingMessage(message, traceparent: record.header("traceparent").map { String(decoding: $0, as: UTF8.self) }))
                        outcomes.append((record.topic, "processed"))
                    case .success(nil):
                        outcomes.append((record.topic, "ignored"))  // unreachable: it has no id
                    }
                }
                try await handler.handleBatch(batch, context: context)
                stages.lap("handle")
                _ = try await context.flushOutbox()
                stages.lap("outbox")
                return outcomes
            }
            stages.lap("commit")
            return (outcomes, stages)
        }
        for (topic, outcome) in outcomes { metrics.processed(topic: topic, outcome: outcome) }
        metrics.observeBatch(ContinuousClock.now - started, count: records.count)
        metrics.observeStages(laps.laps, in: "consumer")
    }

    private func deadLetter(_ record: ConsumerRecord, reason: String) async throws {
        let now = clock()
        let consumerName = consumer.groupId
        try await Deadline.run("dead-lettering a message", limit: batchDeadline) { [self] in
            try await postgres.withTransaction(logger: logger) { conn in
                let context = MessageContext(connection: conn, logger: logger, calendar: calendar, now: now)
                let fresh = try await Inbox.claim([Self.deadLetterId(record)], consumer: consumerName, on: conn, logger: logger)
                guard !fresh.isEmpty else { return }
                try context.emitDeadLetter(record, service: serviceName, group: consumerName, error: reason)
                _ = try await context.flushOutbox()
            }
        }
        metrics.processed(topic: record.topic, outcome: "dead_lettered")
    }

    /// The handler's own error rather than the transaction wrapper around it.
    static func cause(of error: any Error) -> any Error {
        (error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.commitError ?? $0.beginError } ?? error
    }

    /// Inbox key of a record that has no trustworthy message id.
    static func deadLetterId(_ r: ConsumerRecord) -> String { "dead-letter:\(r.topic):\(r.partition):\(r.offset)" }
}

extension MessageContext {
    func emitDeadLetter(_ record: ConsumerRecord, service: String, group: String, error: String) throws {
        let letter = DeadLetter.make(service: service, consumerGroup: group, topic: record.topic,
                                     partition: record.partition, offset: record.offset,
                                     key: record.key, value: record.value, error: String(error.prefix(4_000)), at: now,
                                     sha256: { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() })
        let saved = correlationId
        correlationId = nil
        defer { correlationId = saved }
        try emit(letter, on: Topics.deadLetter, key: record.keyString)
    }
}

/// Capped exponential back-off for retries of transient failures.
public struct Backoff: Sendable {
    public var first: Duration
    public var cap: Duration

    public init(first: Duration, cap: Duration) {
        self.first = first
        self.cap = cap
    }

    public static let standard = Backoff(first: .milliseconds(100), cap: .seconds(5))

    /// first × 2^(attempt−1), at most `cap`.
    public func delay(attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 20)
        return min(first * factor, cap)
    }
}
