import Contracts

/// A service's reaction to one decoded message. It runs inside the batch transaction:
/// read and write through `context.connection`, publish with `context.emit`. Throwing
/// rolls the batch back; a message that keeps failing on its own is dead-lettered.
public protocol MessageHandler: Sendable {
    /// Called once per batch, before `handle`, with the messages about to be handled: a
    /// chance to load what they need in one query (keep it in `context.batchCache`).
    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws
    func handle(_ message: InboundMessage, context: MessageContext) async throws
}

extension MessageHandler {
    public func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {}
}
