import Contracts
import Foundation
import Logging
import PostgresNIO

/// What a handler gets for one batch transaction: the connection, the clock and calendar,
/// and `emit`, which queues an outbox row committed together with the handler's writes.
public final class MessageContext {
    public let connection: PostgresConnection
    public let logger: Logger
    public let calendar: CompanyCalendar
    /// When the batch started; handlers stamp their decisions with it.
    public let now: Date
    /// The W3C trace parent of the message being handled, copied onto everything it causes.
    public internal(set) var traceparent: String?
    /// The envelope's correlation id (or message id) of the message being handled.
    public internal(set) var correlationId: String?
    var pending: [OutboxRow] = []
    /// Whatever the handler's `prepare` loaded for this batch (handler-specific type).
    public var batchCache: AnyObject?

    init(connection: PostgresConnection, logger: Logger, calendar: CompanyCalendar, now: Date) {
        self.connection = connection
        self.logger = logger
        self.calendar = calendar
        self.now = now
    }

    public var businessDate: BusinessDate { calendar.businessDate(of: now) }

    /// What is emitted from now on is caused by `item`: its trace parent and correlation id
    /// (or message id) go onto the outbox rows.
    public func handling(_ item: IncomingMessage) {
        traceparent = item.traceparent
        correlationId = item.message.correlationId ?? item.message.messageId
    }

    /// Queues a message for publication; it is written to the outbox in the same transaction.
    public func emit<P: MessagePayload>(_ payload: P, on topic: TopicSpec, key: String?) throws {
        precondition(topic.messageTypes.contains(P.messageType), "\(P.messageType) does not belong on \(topic.name)")
        let envelope = Envelope(occurredAt: now, payload: payload, correlationId: correlationId)
        pending.append(OutboxRow(topic: topic.name, key: key, value: String(decoding: try envelope.jsonBytes(), as: UTF8.self),
                                 traceparent: traceparent))
    }

    /// Runs `body` so that, if it throws, its database writes and the messages it emitted
    /// are undone while the rest of the transaction goes on (a SQL savepoint).
    public func isolated<T>(_ body: () async throws -> T) async throws -> T {
        let emitted = pending.count
        try await connection.query("SAVEPOINT isolated", logger: logger)
        do {
            let value = try await body()
            try await connection.query("RELEASE SAVEPOINT isolated", logger: logger)
            return value
        } catch {
            try await connection.query("ROLLBACK TO SAVEPOINT isolated", logger: logger)
            pending.removeSubrange(emitted...)
            throw error
        }
    }

    /// Writes the queued rows with one INSERT.
    func flushOutbox() async throws -> Int {
        let rows = pending
        pending.removeAll()
        try await Outbox.insert(rows, on: connection, logger: logger)
        return rows.count
    }
}

struct OutboxRow: Sendable {
    var topic: String
    var key: String?
    var value: String
    var traceparent: String?
}

enum Outbox {
    static func insert(_ rows: [OutboxRow], on connection: PostgresConnection, logger: Logger) async throws {
        if rows.isEmpty { return }
        // Arrays of text keep this one round trip; "" stands for NULL in the optional columns.
        let topics = rows.map(\.topic)
        let keys = rows.map { $0.key ?? "" }
        let values = rows.map(\.value)
        let traces = rows.map { $0.traceparent ?? "" }
        try await connection.query("""
            INSERT INTO outbox (topic, key, value, traceparent)
            SELECT t, NULLIF(k, ''), v, NULLIF(p, '')
            FROM unnest(\(topics)::text[], \(keys)::text[], \(values)::text[], \(traces)::text[]) AS x(t, k, v, p)
            """, logger: logger)
    }
}
