import Contracts
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceLifecycle

/// poll → decode (contract violations become dead letters) → handle the batch in one
/// transaction with the inbox → commit → store offsets → wake the outbox relay.
public final class ConsumerLoop: Service, @unchecked Sendable {
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

    public init(consumer: KafkaConsumer, postgres: PostgresClient, handler: any MessageHandler, serviceName: String,
                calendar: CompanyCalendar, batchSize: Int, metrics: PlatformMetrics, relay: OutboxRelay, logger: Logger,
                topicPrefix: String = "", clock: @escaping @Sendable () -> Date = { Date() }) {
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
        self.clock = clock
    }

    public func run() async throws {
        defer { metrics.clearLag() }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let records = try await consumer.poll(maxRecords: batchSize, timeout: .milliseconds(100))
            metrics.updateLag(group: consumer.groupId, consumer.lag)
            if records.isEmpty { continue }
            guard try await processWithRetry(records) else { break }
            try await consumer.storeOffsets(for: records)
            relay.wake()
        }
        // The batch in hand is finished and stored: commit it and leave the group.
        try? await consumer.commit()
        await consumer.close()
        logger.info("consumer closed", metadata: ["group": "\(consumer.groupId)"])
    }

    /// Returns false when shutdown interrupted a retry (the batch will be redelivered).
    private func processWithRetry(_ records: [ConsumerRecord]) async throws -> Bool {
        var attempt = 0
        while true {
            do {
                try await process(records, isolated: false)
                return true
            } catch {
                let healthy = (try? await postgres.query("SELECT 1", logger: logger)) != nil
                if healthy {
                    // Something in the batch fails on its own: find it by handling one at a time.
                    try await processOneByOne(records)
                    return true
                }
                attempt += 1
                let delay = min(100 * (1 << min(attempt, 6)), 5_000)
                logger.warning("batch failed, database unreachable; retrying",
                               metadata: ["attempt": "\(attempt)", "delayMs": "\(delay)", "error": "\(String(reflecting: error))"])
                if Task.isShuttingDownGracefully || Task.isCancelled { return false }
                try? await Task.sleep(for: .milliseconds(delay))
            }
        }
    }

    private func processOneByOne(_ records: [ConsumerRecord]) async throws {
        for record in records {
            do {
                try await process([record], isolated: true)
            } catch {
                let healthy = (try? await postgres.query("SELECT 1", logger: logger)) != nil
                guard healthy else { throw error }
                logger.error("message failed; dead-lettering it", metadata: [
                    "topic": "\(record.topic)", "partition": "\(record.partition)", "offset": "\(record.offset)",
                    "error": "\(String(reflecting: error))"])
                try await deadLetter(record, reason: "processing failed: \(Self.cause(of: error))")
            }
        }
    }

    private func process(_ records: [ConsumerRecord], isolated: Bool) async throws {
        let started = ContinuousClock.now
        var decoded: [(ConsumerRecord, Result<InboundMessage, ContractError>)] = []
        decoded.reserveCapacity(records.count)
        for r in records {
            do { decoded.append((r, .success(try InboundMessage.decode(topic: String(r.topic.dropFirst(topicPrefix.count)), value: r.value)))) }
            catch { decoded.append((r, .failure(error))) }
        }
        let ids = decoded.map { r, result in
            switch result {
            case .success(let m): return m.messageId
            case .failure: return Self.deadLetterId(r)
            }
        }
        let now = clock()
        let consumerName = consumer.groupId
        var outcomes: [(String, String)] = []
        try await postgres.withTransaction(logger: logger) { conn in
            let context = MessageContext(connection: conn, logger: logger, calendar: calendar, now: now)
            var fresh = try await Inbox.claim(ids, consumer: consumerName, on: conn, logger: logger)
            var toHandle: [InboundMessage] = []
            var preparing = fresh
            for (index, (_, result)) in decoded.enumerated() {
                if case .success(let m) = result, preparing.remove(ids[index]) != nil { toHandle.append(m) }
            }
            try await handler.prepare(toHandle, context: context)
            for (index, (record, result)) in decoded.enumerated() {
                // The first occurrence of an id in the batch takes it; repeats are duplicates.
                guard fresh.remove(ids[index]) != nil else {
                    outcomes.append((record.topic, "duplicate"))
                    continue
                }
                switch result {
                case .failure(let error):
                    logger.warning("contract violation; dead-lettering", metadata: [
                        "topic": "\(record.topic)", "offset": "\(record.offset)", "error": "\(error.reason)"])
                    try context.emitDeadLetter(record, service: serviceName, group: consumerName, error: error.reason)
                    outcomes.append((record.topic, "dead_lettered"))
                case .success(let message):
                    context.traceparent = record.header("traceparent").map { String(decoding: $0, as: UTF8.self) }
                    context.correlationId = message.correlationId ?? message.messageId
                    try await handler.handle(message, context: context)
                    outcomes.append((record.topic, "processed"))
                }
            }
            _ = try await context.flushOutbox()
        }
        for (topic, outcome) in outcomes { metrics.processed(topic: topic, outcome: outcome) }
        metrics.observeBatch(ContinuousClock.now - started, count: records.count)
        _ = isolated
    }

    private func deadLetter(_ record: ConsumerRecord, reason: String) async throws {
        let now = clock()
        let consumerName = consumer.groupId
        try await postgres.withTransaction(logger: logger) { conn in
            let context = MessageContext(connection: conn, logger: logger, calendar: calendar, now: now)
            let fresh = try await Inbox.claim([Self.deadLetterId(record)], consumer: consumerName, on: conn, logger: logger)
            guard !fresh.isEmpty else { return }
            try context.emitDeadLetter(record, service: serviceName, group: consumerName, error: reason)
            _ = try await context.flushOutbox()
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
                                     key: record.key, value: record.value, error: error, at: now)
        let saved = correlationId
        correlationId = nil
        defer { correlationId = saved }
        try emit(letter, on: Topics.deadLetter, key: record.keyString)
    }
}
