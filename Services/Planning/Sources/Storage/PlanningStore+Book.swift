import Contracts
import Foundation
import PostgresNIO
import ServiceKit

/// A KAM's book as the weekly contact plan needs it: five queries whatever its size.
extension PlanningStore {
    /// The KAM's clients now (by their latest upsert), each judged on `day` from what planning
    /// knows now: receivables' latest open items, open holds, logged contacts, recent turnover.
    func planClients(kamId: String, on day: BusinessDate, policy: ContactPolicy) async throws -> [PlanClient] {
        let cards = KamAttribution(try await cards()).currentClients(of: kamId)
        let ids = cards.map(\.clientId)
        guard !ids.isEmpty else { return [] }
        let snapshots = Dictionary(uniqueKeysWithValues: try await snapshots(onOrBefore: nil, clients: ids).map { ($0.clientId, $0) })
        let trails = Dictionary(grouping: try await trails(clients: ids, onlyHeld: true), by: \.clientId)
        let contacts = try await lastContacts(clients: ids, before: day)
        let window = day.adding(days: -2 * policy.decliningWindowDays)...day.adding(days: -1)
        let documents = Dictionary(grouping: try await documents(in: [window], clients: ids), by: \.clientId)
        return cards.map { card in
            PlanClient.judged(card, on: day, snapshot: snapshots[card.clientId], trails: trails[card.clientId] ?? [],
                              lastContact: contacts[card.clientId], documents: documents[card.clientId] ?? [], policy: policy)
        }
    }

    /// What planning heard about the clients' orders (only those ever held, with `onlyHeld`).
    func trails(clients: [String], onlyHeld: Bool) async throws -> [OrderTrail] {
        let outcomes = try await Self.outcomes(try await connection.query("""
            SELECT order_id, client_id, outcome, (decided_on - date '1970-01-01') FROM order_outcomes o
            WHERE client_id = ANY(\(clients)::text[])
              AND (NOT \(onlyHeld) OR EXISTS (SELECT 1 FROM order_outcomes h WHERE h.order_id = o.order_id AND h.outcome = 'held'))
            """, logger: logger))
        let held = Set(outcomes.map(\.orderId))
        let rows = try await connection.query("""
            SELECT order_id, client_id, (cancelled_on - date '1970-01-01') FROM order_cancellations
            WHERE client_id = ANY(\(clients)::text[])
            """, logger: logger)
        var cancellations: [OrderCancellation] = []
        for try await (order, client, on) in rows.decode((String, String, Int32).self) where !onlyHeld || held.contains(order) {
            cancellations.append(OrderCancellation(orderId: order, clientId: client, on: Self.day(on)))
        }
        return OrderTrail.trails(outcomes: outcomes, cancellations: cancellations)
    }

    /// clientId → the latest day a contact with it was logged before `day`.
    func lastContacts(clients: [String], before day: BusinessDate) async throws -> [String: BusinessDate] {
        let rows = try await connection.query("""
            SELECT client_id, (max(on_date) - date '1970-01-01') FROM contacts
            WHERE client_id = ANY(\(clients)::text[]) AND on_date < \(day.description)::date
            GROUP BY client_id
            """, logger: logger)
        var result: [String: BusinessDate] = [:]
        for try await (client, on) in rows.decode((String, Int32).self) { result[client] = Self.day(on) }
        return result
    }
}
