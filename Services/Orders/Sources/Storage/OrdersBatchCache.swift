import Contracts

/// What one consumed batch needs, loaded up front (`OrdersStore.prefetch`). Lives for one
/// transaction only; the store keeps it in step with its own writes.
final class OrdersBatchCache {
    var clients: [String: ClientTerms] = [:]
    /// Asked for and not in the database (at prefetch time).
    var missingClients: Set<String> = []
    /// Locked with FOR UPDATE for the rest of the transaction.
    var orders: [String: OrderRecord] = [:]

    /// A client upserted in this batch is read from the database again.
    func forget(clientId: String) {
        clients[clientId] = nil
        missingClients.remove(clientId)
    }
}
