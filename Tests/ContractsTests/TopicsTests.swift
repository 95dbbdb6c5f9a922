import Testing
@testable import Contracts

@Suite struct TopicsTests {
    @Test func registry() {
        #expect(Topics.all.count == 12)
        #expect(Set(Topics.all.map(\.name)).count == Topics.all.count)
        #expect(Topics.spec(named: "erp.orders.v1")?.messageTypes == ["OrderPlaced", "OrderCancelled", "OrderCompleted"])
        #expect(Topics.spec(named: "kam.order-decisions.v1") == Topics.orderDecisions)
        #expect(Topics.spec(named: "erp.credit-notes.v1") == Topics.erpCreditNotes)
        #expect(Topics.spec(named: "kam.receivables.open-items.v1")?.messageTypes == ["ClientOpenItemsChanged"])
        #expect(Topics.spec(named: "erp.orders.v2") == nil)
    }

    /// Every type the registry lists has an example that InboundMessage decodes.
    @Test func everyRegisteredTypeHasAnExample() {
        let registered = Set(Topics.all.flatMap { spec in spec.messageTypes.map { "\(spec.name) \($0)" } })
        let covered = Set(Fixtures.examples.map { "\($0.topic) \($0.type)" })
        #expect(registered == covered)
    }
}
