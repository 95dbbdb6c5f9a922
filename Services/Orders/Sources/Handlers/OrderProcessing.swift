import Contracts
import Foundation
import ServiceKit

/// Runs the order rules against stored master data and persists and publishes the outcome.
enum OrderProcessing {
    /// Re-evaluates a stored order (a parked one) and saves the outcome.
    static func evaluate(_ record: OrderRecord, store: OrdersStore, context: MessageContext, graceEnds: Date) async throws {
        let (next, effects) = try await decide(record, store: store, context: context, graceEnds: graceEnds)
        try await store.save(next)
        try publish(effects, context: context)
    }

    /// Reads the master data the order needs and applies SPEC 5.2 steps 1–3; writes nothing.
    static func decide(_ record: OrderRecord, store: OrdersStore, context: MessageContext,
                       graceEnds: Date) async throws -> (OrderRecord, [OrderEffect]) {
        let client = try await store.client(record.clientId)
        let date = record.businessDate ?? context.businessDate
        let book = try await store.priceBook(on: date, skus: record.requestedLines.map(\.sku))
        let evaluation = OrderRules.evaluate(record.placed, client: client, priceBook: book)
        let (next, effects) = OrderWorkflow.evaluated(evaluation, record: record, client: client, now: context.now, graceEnds: graceEnds)
        context.logger.debug("order evaluated", metadata: [
            "orderId": "\(record.orderId)", "status": "\(next.status.rawValue)", "stage": "\(next.stage.rawValue)"])
        return (next, effects)
    }

    static func publish(_ effects: [OrderEffect], context: MessageContext) throws {
        for effect in effects {
            switch effect {
            case .confirmed(let m): try context.emit(m, on: Topics.orderDecisions, key: m.clientId)
            case .onHold(let m): try context.emit(m, on: Topics.orderDecisions, key: m.clientId)
            case .rejected(let m): try context.emit(m, on: Topics.orderDecisions, key: m.clientId)
            case .creditCheck(let m): try context.emit(m, on: Topics.creditRequests, key: m.clientId)
            }
        }
    }
}
