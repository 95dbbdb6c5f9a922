import Contracts
import Foundation
import ServiceKit

/// Runs the order rules against master data and publishes the outcome.
enum OrderProcessing {
    /// Applies SPEC 5.2 steps 1–3 with the master data in `master`; writes nothing.
    static func decide(_ record: OrderRecord, master: MasterDataView, context: MessageContext,
                       graceEnds: Date) -> (OrderRecord, [OrderEffect]) {
        let client = master.client(record.clientId)
        let book = master.priceBook(on: businessDate(record, context: context), skus: record.requestedLines.map(\.sku))
        let evaluation = OrderRules.evaluate(record.placed, client: client, priceBook: book)
        return OrderWorkflow.evaluated(evaluation, record: record, client: client, now: context.now, graceEnds: graceEnds)
    }

    static func businessDate(_ record: OrderRecord, context: MessageContext) -> BusinessDate {
        record.businessDate ?? context.businessDate
    }

    /// The master data a set of orders needs, with the items of their effective price lists
    /// (at most two queries, usually one).
    static func masterData(for records: some Collection<OrderRecord>, cache: MasterDataCache,
                           context: MessageContext) async throws -> MasterDataView {
        var view = MasterDataView(try await cache.refresh(clientIds: records.map(\.clientId), on: context.connection, logger: context.logger))
        let lacking = view.listsWithoutItems(on: Set(records.map { businessDate($0, context: context) }))
        if !lacking.isEmpty { view.known = try await cache.loadItems(of: lacking, on: context.connection, logger: context.logger) }
        return view
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
