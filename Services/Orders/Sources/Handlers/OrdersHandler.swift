import Contracts
import Foundation
import ServiceKit

/// Consumes master data, ERP orders and credit's answers.
struct OrdersHandler: MessageHandler {
    let grace: Duration
    let retrier: ParkedOrderRetrier

    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {
        var clientIds = Set<String>()
        var orderIds: [String] = []
        for message in messages {
            switch message {
            case .orderPlaced(let e): clientIds.insert(e.payload.clientId)
            case .creditCheckDecided(let e): orderIds.append(e.payload.orderId)
            default: break
            }
        }
        context.batchCache = try await OrdersStore(connection: context.connection, logger: context.logger)
            .prefetch(clientIds: clientIds.sorted(), orderIds: orderIds)
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = OrdersStore(connection: context.connection, logger: context.logger,
                                cache: context.batchCache as? OrdersBatchCache)
        switch message {
        case .clientUpserted(let e):
            try await store.upsertClient(e.payload, occurredAt: e.occurredAt)
            retrier.wake()
        case .priceListPublished(let e):
            try await store.upsertPriceList(e.payload, occurredAt: e.occurredAt)
            retrier.wake()
        case .orderPlaced(let e):
            let order = e.payload
            let record = OrderRecord.received(order, businessDate: context.calendar.businessDate(of: order.placedAt), at: context.now)
            let graceEnds = context.now.addingTimeInterval(Double(grace.components.seconds))
            // Decide first and write the outcome with a single INSERT; a resent document (same
            // orderId, new messageId) conflicts with the stored order and its effects are dropped.
            let (decided, effects) = try await OrderProcessing.decide(record, store: store, context: context, graceEnds: graceEnds)
            guard try await store.insert(decided) else { return }
            try OrderProcessing.publish(effects, context: context)
        case .orderCancelled(let e):
            if let record = try await store.order(e.payload.orderId, forUpdate: true) {
                try await store.save(OrderWorkflow.cancelled(record: record, now: context.now, reason: e.payload.reason))
            } else {
                // Cancelled before we saw it: remember, so a late OrderPlaced is not decided.
                var tombstone = OrderRecord.received(
                    OrderPlaced(orderId: e.payload.orderId, clientId: e.payload.clientId, placedAt: e.payload.cancelledAt,
                                requestedDeliveryDate: context.calendar.businessDate(of: e.payload.cancelledAt), lines: []),
                    businessDate: context.calendar.businessDate(of: e.payload.cancelledAt), at: context.now)
                tombstone.history = []  // never placed as far as orders knows
                tombstone = OrderWorkflow.cancelled(record: tombstone, now: context.now, reason: e.payload.reason)
                _ = try await store.insert(tombstone)
            }
        case .orderCompleted(let e):
            if let record = try await store.order(e.payload.orderId, forUpdate: true) {
                try await store.save(OrderWorkflow.completed(record: record, now: context.now))
            }
        case .creditCheckDecided(let e):
            guard let record = try await store.order(e.payload.orderId, forUpdate: true) else { return }
            let (next, effects) = OrderWorkflow.creditDecided(e.payload, record: record, now: context.now)
            guard next != record else { return }
            try await store.save(next)
            try OrderProcessing.publish(effects, context: context)
        default:
            break
        }
    }
}
