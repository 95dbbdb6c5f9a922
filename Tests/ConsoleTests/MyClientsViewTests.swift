import Contracts
import Foundation
import Testing
@testable import Console

/// "My clients": planning's book joined with credit and dunning, as the page shows it.
@Suite struct MyClientsViewTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireJSON.decoder().decode(T.self, from: Data(json.utf8))
    }

    static let book = """
    {"clients": [
      {"clientId": "C-1", "name": "ООО Ромашка", "kamId": "kam-ivanova", "tier": "A", "status": "active",
       "overdueAmount": "1234567.89", "lastContact": "2026-11-27"},
      {"clientId": "C 2/b", "name": null, "kamId": "kam-ivanova", "tier": "C", "status": "prospect",
       "overdueAmount": "0.00", "lastContact": null}],
     "limit": 25, "offset": 0, "nextOffset": null}
    """

    static let credit = """
    {"clientId": "C-1", "kamId": "kam-ivanova", "creditLimit": "1000000.00", "limitSource": "contract",
     "openReceivables": "1234567.89", "unappliedCredit": "0.00", "openOrders": "5000.50", "exposure": "1239568.39",
     "available": "-239568.39", "overdueAmount": "1234567.89", "riskClass": "C",
     "holds": [{"orderId": "O-1"}, {"orderId": "O-2"}]}
    """

    @Test func russianRows() throws {
        let book = try Self.decode(ClientBook.self, Self.book)
        let credit = try Self.decode(ClientCredit.self, Self.credit)
        let levels = try Self.decode(DunningList.self, #"{"clients": [{"clientId": "C-1", "level": 2}], "nextOffset": null}"#)
        let rows = ViewModels(language: .ru, calendar: .moscow)
            .myClients(book, credits: ["C-1": credit], levels: Dictionary(uniqueKeysWithValues: levels.clients.map { ($0.clientId, $0.level) }))
        let keys = ["clientId", "clientPath", "name", "tier", "status", "limit", "exposure", "available", "onHold", "overdue", "level", "lastContact"]
        #expect(rows.map { row in keys.map { row[$0] as? String ?? "?" } } == [
            ["C-1", "C-1", "ООО Ромашка", "A", "действующий", "1\u{00A0}000\u{00A0}000,00\u{00A0}₽", "1\u{00A0}239\u{00A0}568,39\u{00A0}₽",
             "−239\u{00A0}568,39\u{00A0}₽", "заказов: 2", "1\u{00A0}234\u{00A0}567,89\u{00A0}₽", "2", "27.11.2026"],
            ["C 2/b", "C%202%2Fb", "—", "C", "потенциальный", "—", "—", "—", "—", "0,00\u{00A0}₽", "0", "—"],
        ])
        #expect(rows.map { $0["isOverLimit"] as? Bool } == [true, false])
        #expect(rows.map { $0["isHeld"] as? Bool } == [true, false])
        #expect(rows.map { $0["isOverdue"] as? Bool } == [true, false])
    }

    @Test func englishRowWithoutHolds() throws {
        var credit = try Self.decode(ClientCredit.self, Self.credit)
        credit.holds = []
        let book = try Self.decode(ClientBook.self, Self.book)
        let row = try #require(ViewModels(language: .en, calendar: .moscow).myClients(book, credits: ["C-1": credit], levels: [:]).first)
        #expect(row["onHold"] as? String == "no")
        #expect(row["status"] as? String == "active")
        #expect(row["level"] as? String == "0")
        #expect(row["available"] as? String == "−239,568.39\u{00A0}₽")
        #expect(row["lastContact"] as? String == "2026-11-27")
    }
}

/// What a page's data holds reaches the template; an absent value (nil in Any) is left out.
@Suite struct PageDataTests {
    @Test func optionalsAreUnwrapped() {
        let none: String? = nil
        let some: String? = "/orders?offset=50"
        let nested: String?? = .some(nil)
        #expect(PageRenderer.unwrapped(none as Any) == nil)
        #expect(PageRenderer.unwrapped(some as Any) as? String == "/orders?offset=50")
        #expect(PageRenderer.unwrapped(nested as Any) == nil)
        #expect(PageRenderer.unwrapped(3) as? Int == 3)
    }
}
