import Contracts

/// A service's reaction to one decoded message. It runs inside the batch transaction:
/// read and write through `context.connection`, publish with `context.emit`. Throwing
/// rolls the batch back; a message that keeps failing on its own is dead-lettered.
public protocol MessageHandler: Sendable {
    func handle(_ message: InboundMessage, context: MessageContext) async throws
}
