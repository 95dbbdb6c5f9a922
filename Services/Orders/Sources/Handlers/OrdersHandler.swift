import Contracts
import Foundation
import ServiceKit

/// Consumes master data, ERP orders and credit's answers, a whole batch at a time (`OrdersBatch`).
struct OrdersHandler: MessageHandler {
    let grace: Duration
    let retrier: ParkedOrderRetrier
    let cache: MasterDataCache

    func handleBatch(_ batch: [IncomingMessage], context: MessageContext) async throws {
        if batch.isEmpty { return }
        if try await OrdersBatch(context: context, cache: cache, grace: grace).run(batch) { retrier.wake() }
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        try await handleBatch([IncomingMessage(message, traceparent: context.traceparent)], context: context)
    }

    let handledTypes: Set<String>? = [ClientUpserted.messageType, PriceListPublished.messageType, OrderPlaced.messageType,
                                      OrderCancelled.messageType, OrderCompleted.messageType, CreditCheckDecided.messageType]
}
