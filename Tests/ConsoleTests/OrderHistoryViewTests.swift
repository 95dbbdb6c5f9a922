import Contracts
import Foundation
import Testing
@testable import Console

/// The order page's decision history, as read from the orders service.
@Suite struct OrderHistoryViewTests {
    @Test func historyInRussian() throws {
        let json = """
        {"orderId": "O-1", "clientId": "C-1", "kamId": "kam-ivanova", "status": "confirmed", "lines": [], "reasons": [],
         "updatedAt": "2026-11-30T07:10:00Z",
         "history": [
           {"event": "placed", "at": "2026-11-30T07:00:00Z", "by": null, "comment": null, "reasons": []},
           {"event": "held", "at": "2026-11-30T07:00:01Z", "by": null, "comment": null,
            "reasons": [{"code": "DISCOUNT_APPROVAL_REQUIRED", "message": "requested discount 5.00 % exceeds the contract's 3.00 %"}]},
           {"event": "discount_approved", "at": "2026-11-30T07:05:00Z", "by": "head", "comment": "разовая акция", "reasons": []},
           {"event": "confirmed", "at": "2026-11-30T21:30:00Z", "by": "head", "comment": null, "reasons": []}]}
        """
        let order = try WireJSON.decoder().decode(OrderDetail.self, from: Data(json.utf8))
        let view = ViewModels(language: .ru, calendar: .moscow).order(order)
        let history = try #require(view["history"] as? [[String: Any]])
        #expect(history.map { "\($0["at"] ?? "") | \($0["name"] ?? "") | \($0["by"] ?? "") | \($0["comment"] ?? "")" } == [
            "30.11.2026 10:00 | Заказ получен | — | ",
            "30.11.2026 10:00 | Задержан | — | ",
            "30.11.2026 10:05 | Скидка одобрена | head | разовая акция",
            "01.12.2026 00:30 | Подтверждён | head | ",
        ])
        #expect((history[1]["reasons"] as? [[String: Any]])?.first?["label"] as? String == "Скидка выше полномочий менеджера")
        #expect(view["hasHistory"] as? Bool == true)
    }

    @Test func noHistoryFromAnOlderService() throws {
        let json = #"{"orderId": "O-2", "clientId": "C-1", "status": "received", "lines": [], "reasons": []}"#
        let order = try WireJSON.decoder().decode(OrderDetail.self, from: Data(json.utf8))
        #expect(ViewModels(language: .en, calendar: .moscow).order(order)["hasHistory"] as? Bool == false)
    }
}
