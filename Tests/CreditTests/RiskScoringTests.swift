import Contracts
import Testing
@testable import Credit

/// The documented point scoring (docs/decisions.md "Risk class"), input by input and as a whole.
@Suite struct RiskScoringTests {
    @Test(arguments: [
        (nil, 0), ("0.00", 0), ("5.00", 0), ("5.01", 1), ("15.00", 1), ("15.01", 2), ("30.00", 2), ("30.01", 3), ("120.00", 3),
    ] as [(String?, Int)])
    func lateness(_ days: String?, _ points: Int) {
        #expect(RiskScoring.latenessPoints(days.map { try! Decimal2(parsing: $0) }) == points)
    }

    @Test(arguments: [
        (nil, 0), ("100.00", 0), ("90.00", 0), ("89.99", 1), ("70.00", 1), ("69.99", 2), ("50.00", 2), ("49.99", 3), ("0.00", 3),
    ] as [(String?, Int)])
    func punctuality(_ share: String?, _ points: Int) {
        #expect(RiskScoring.punctualityPoints(share.map { try! Percent(parsing: $0) }) == points)
    }

    @Test(arguments: [(0, 0), (1, 2), (15, 2), (16, 3), (30, 3), (31, 4), (400, 4)])
    func overdueDays(_ days: Int, _ points: Int) {
        #expect(RiskScoring.overdueDaysPoints(days) == points)
    }

    @Test(arguments: [
        ("0.00", "1000.00", 0), ("100.00", "1000.00", 0), ("100.01", "1000.00", 1), ("500.00", "1000.00", 1),
        ("500.01", "1000.00", 2), ("5000.00", "1000.00", 2), ("0.01", "0.00", 2), ("0.00", "0.00", 0),
        // ⌊0.15 / 10⌋ = 0.01: 0.01 is within 10 %, 0.02 is not.
        ("0.01", "0.15", 0), ("0.02", "0.15", 1),
    ])
    func overdueAmount(_ overdue: String, _ limit: String, _ points: Int) {
        #expect(RiskScoring.overdueAmountPoints(K.money(overdue), limit: K.money(limit)) == points)
    }

    @Test(arguments: [(0, RiskClass.a), (1, .a), (2, .b), (4, .b), (5, .c), (7, .c), (8, .d), (12, .d)])
    func classes(_ points: Int, _ riskClass: RiskClass) {
        #expect(RiskScoring.riskClass(points: points) == riskClass)
    }

    struct Client: Sendable, CustomTestStringConvertible {
        let name: String
        let averageDaysLate: String?
        let shareOnTime: String?
        let invoices: [OpenInvoice]
        let limit: String
        let points: [Int]
        let riskClass: RiskClass
        var testDescription: String { name }
    }

    // Judged on 2026-11-30.
    @Test(arguments: [
        Client(name: "no history, nothing owed", averageDaysLate: nil, shareOnTime: nil, invoices: [], limit: "100000.00",
               points: [0, 0, 0, 0], riskClass: .a),
        Client(name: "punctual, invoice not due", averageDaysLate: "0.50", shareOnTime: "95.00",
               invoices: [K.invoice("I-1", "50000.00", due: "2026-12-15")], limit: "100000.00", points: [0, 0, 0, 0], riskClass: .a),
        Client(name: "punctual, one small invoice a day overdue", averageDaysLate: "1.00", shareOnTime: "90.00",
               invoices: [K.invoice("I-1", "5000.00", due: "2026-11-29")], limit: "100000.00", points: [0, 0, 2, 0], riskClass: .b),
        Client(name: "habitually late, nothing overdue now", averageDaysLate: "12.00", shareOnTime: "60.00",
               invoices: [], limit: "100000.00", points: [1, 2, 0, 0], riskClass: .b),
        Client(name: "late payer with a month-old overdue invoice", averageDaysLate: "20.00", shareOnTime: "65.00",
               invoices: [K.invoice("I-1", "30000.00", due: "2026-11-05")], limit: "100000.00", points: [2, 2, 3, 1], riskClass: .d),
        Client(name: "good history, large debt 40 days overdue", averageDaysLate: "2.00", shareOnTime: "92.00",
               invoices: [K.invoice("I-1", "60000.00", due: "2026-10-21"), K.invoice("I-2", "10000.00", due: "2026-12-20")],
               limit: "100000.00", points: [0, 0, 4, 2], riskClass: .c),
        Client(name: "chronic defaulter", averageDaysLate: "45.00", shareOnTime: "20.00",
               invoices: [K.invoice("I-1", "80000.00", due: "2026-09-01")], limit: "100000.00", points: [3, 3, 4, 2], riskClass: .d),
    ])
    func wholeClients(_ c: Client) {
        let risk = RiskScoring.assess(discipline: c.averageDaysLate == nil && c.shareOnTime == nil ? nil
                                          : K.discipline(averageDaysLate: c.averageDaysLate, shareOnTime: c.shareOnTime),
                                      openInvoices: c.invoices, creditLimit: K.money(c.limit), on: K.date("2026-11-30"))
        let p = risk.inputs.points
        #expect([p.lateness, p.punctuality, p.overdueDays, p.overdueAmount] == c.points)
        #expect(risk.riskClass == c.riskClass)
    }

    @Test func inputsShowWhy() {
        let risk = RiskScoring.assess(
            discipline: K.discipline(averageDaysLate: "20.00", shareOnTime: "65.00", settled: 7),
            openInvoices: [K.invoice("I-1", "30000.00", due: "2026-11-05"), K.invoice("I-2", "1000.00", due: "2026-11-25"),
                           K.invoice("I-3", "9000.00", due: "2026-12-25")],
            creditLimit: K.money("100000.00"), on: K.date("2026-11-30"))
        #expect(risk.inputs.overdueAmount == K.money("31000.00"))
        #expect(risk.inputs.oldestOverdueDays == 25)
        #expect(risk.inputs.settledInvoices == 7)
        #expect(risk.inputs.disciplineAsOf == K.date("2026-11-30"))
        #expect(risk.inputs.points.total == 8)
        #expect(risk.riskClass == .d)
        #expect(risk.inputs.explanation == [
            "average days paid late 20.00: 2 points",
            "share paid on time 65.00 %: 2 points",
            "oldest overdue invoice 25 days: 3 points",
            "overdue 31000.00 against the limit 100000.00: 1 point",
            "total 8 points: class D",
        ])
    }
}
