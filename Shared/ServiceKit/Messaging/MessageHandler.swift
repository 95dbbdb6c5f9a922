import Contracts

/// One fresh message of a consumed batch, with what its record carries besides the value.
public struct IncomingMessage: Sendable {
    public let message: InboundMessage
    /// The record's W3C `traceparent` header, if any.
    public let traceparent: String?

    public init(_ message: InboundMessage, traceparent: String? = nil) {
        self.message = message
        self.traceparent = traceparent
    }
}

/// A service's reaction to decoded messages. It runs inside the batch transaction: read and
/// write through `context.connection`, publish with `context.emit`. Throwing rolls the batch
/// back; a message that keeps failing on its own is dead-lettered.
///
/// A handler either reacts to one message at a time (`handle`, with `prepare` to load what the
/// batch needs up front) or to the whole batch at once (`handleBatch`, set-based: a constant
/// number of statements per batch). The consumer loop calls `handleBatch`; by default it runs
/// `prepare` once and `handle` per message.
public protocol MessageHandler: Sendable {
    /// Called once per batch, before `handle`, with the messages about to be handled: a
    /// chance to load what they need in one query (keep it in `context.batchCache`).
    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws
    func handle(_ message: InboundMessage, context: MessageContext) async throws
    /// The batch's fresh messages in arrival order (duplicates and dead letters already
    /// removed). Call `context.handling(_:)` before emitting what a message causes, so its
    /// trace and correlation ids are copied onto the outbox rows.
    func handleBatch(_ batch: [IncomingMessage], context: MessageContext) async throws
    /// The message types the handler reacts to; nil for every type. A message of another type
    /// has no effect here: it is read only as far as its envelope (its payload is the owning
    /// service's to check and dead-letter) and not claimed in the inbox, which would be a row
    /// per message for nothing.
    var handledTypes: Set<String>? { get }
}

extension MessageHandler {
    public func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {}

    public func handleBatch(_ batch: [IncomingMessage], context: MessageContext) async throws {
        try await prepare(batch.map(\.message), context: context)
        for item in batch {
            context.handling(item)
            try await handle(item.message, context: context)
        }
    }

    public var handledTypes: Set<String>? { nil }
}
