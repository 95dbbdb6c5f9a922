import Contracts
import Foundation

// The parts of the services' answers the pages show (docs/openapi/*.yaml has them whole).

struct HoldList: Decodable {
    struct Hold: Decodable {
        var orderId: String
        var clientId: String
        var kamId: String
        var total: Money
        var reasons: [Reason]
        var heldAt: Date
        var currentExposure: Money?
        var creditLimit: Money?
        var available: Money?
    }
    var holds: [Hold]
}

struct OrderList: Decodable {
    var orders: [OrderDetail]
    var nextOffset: Int?
}

struct OrderDetail: Decodable {
    struct Line: Decodable {
        var lineNo: Int
        var sku: String
        var quantity: Int64
        var unitPrice: Money?
        var lineTotal: Money?
    }
    var orderId: String
    var clientId: String
    var kamId: String?
    var status: String
    var placedAt: Date?
    var businessDate: BusinessDate?
    var requestedDeliveryDate: BusinessDate?
    var discountPercent: Percent?
    var requestedDiscountPercent: Percent?
    var lines: [Line]
    var total: Money?
    var reasons: [Reason]
    var approvedBy: String?
    var decidedAt: Date?
    /// Every step, oldest first (absent from an orders service that predates it).
    var history: [Event]?

    struct Event: Decodable {
        var event: String
        var at: Date
        var by: String?
        var comment: String?
        var reasons: [Reason]
    }
}

struct ClientCredit: Decodable {
    var clientId: String
    var kamId: String
    var creditLimit: Money
    var openReceivables: Money
    var openOrders: Money
    var exposure: Money
    var available: Money
    var overdueAmount: Money
    var riskClass: String
    /// The client's orders on credit hold (only how many matters here).
    var holds: [Ignored]
}

/// Answers whose body the page does not need.
struct Ignored: Decodable {}

struct AgeingReport: Decodable {
    struct Buckets: Decodable {
        var notDue: Money
        var d1to30: Money
        var d31to60: Money
        var d61to90: Money
        var over90: Money
        var total: Money

        enum CodingKeys: String, CodingKey {
            case notDue, total
            case d1to30 = "1-30", d31to60 = "31-60", d61to90 = "61-90", over90 = "90+"
        }

        var overdue: Money { Money(kopecks: d1to30.kopecks + d31to60.kopecks + d61to90.kopecks + over90.kopecks) }
    }

    struct Client: Decodable {
        var clientId: String
        var kamId: String?
        var buckets: Buckets

        init(from decoder: any Decoder) throws {
            enum Keys: String, CodingKey { case clientId, kamId }
            let c = try decoder.container(keyedBy: Keys.self)
            clientId = try c.decode(String.self, forKey: .clientId)
            kamId = try c.decodeIfPresent(String.self, forKey: .kamId)
            buckets = try Buckets(from: decoder)
        }
    }

    var asOf: BusinessDate
    var clients: [Client]
    var totals: Buckets
}

struct ScorecardReport: Decodable {
    struct Measure<Value: Decodable>: Decodable {
        var actual: Value
        var target: Value?
        var fulfilmentPct: Percent?
    }
    struct Growth: Decodable {
        var vsPreviousMonthPct: Percent?
        var vsSameMonthLastYearPct: Percent?
    }
    struct Bonus: Decodable {
        var percentOfSalary: Percent?
    }

    var kamId: String
    var month: YearMonth
    var turnover: Measure<Money>
    var activeClients: Measure<Int>
    var newClients: Measure<Int>
    var growth: Growth
    var overdueSharePct: Percent?
    var returnsSharePct: Percent?
    var heldOrders: Int
    var rejectedOrders: Int
    var bonus: Bonus?
}

struct ScorecardList: Decodable {
    var scorecards: [ScorecardReport]
}

struct CreditLimitHistory: Decodable {
    struct Change: Decodable {
        var oldLimit: Money?
        var newLimit: Money
        var source: String
        var changedBy: String
        var reason: String
        var changedAt: Date
    }
    var creditLimit: Money
    var limitSource: String
    var history: [Change]
}

struct WeekPlan: Decodable {
    struct Entry: Decodable {
        var clientId: String
        var kind: String
        var reasons: [String]
        var why: String?
    }
    struct Day: Decodable {
        var date: BusinessDate
        var entries: [Entry]
    }
    var kamId: String
    var week: String
    var days: [Day]
    var unscheduled: [Entry]
}

struct CollectionList: Decodable {
    struct Entry: Decodable {
        struct Inputs: Decodable {
            var overdueAmount: Money
            var overdueInvoices: Int
            var oldestDaysOverdue: Int
            var dunningLevel: Int
            var shareOnTimePct: Percent?
        }
        var clientId: String
        var kamId: String?
        var priority: Int
        var reason: String
        var inputs: Inputs
    }
    var asOf: BusinessDate
    var clients: [Entry]
    var nextOffset: Int?
}

struct Statement: Decodable {
    struct Invoice: Decodable {
        var invoiceId: String
        var orderId: String?
        var amount: Money
        var issuedOn: BusinessDate
        var dueDate: BusinessDate
        var outstanding: Money
        var daysOverdue: Int
    }
    struct Totals: Decodable {
        var outstanding: Money
        var overdue: Money
        var unappliedCredit: Money
        var balance: Money
    }
    var asOf: BusinessDate
    var openInvoices: [Invoice]
    var totals: Totals
}

struct SalesHistory: Decodable {
    struct Month: Decodable {
        struct Orders: Decodable {
            var confirmed: Int
            var rejected: Int
            var cancelled: Int
            var held: Int
        }
        var month: YearMonth
        var turnover: Money
        var credited: Money
        var orders: Orders
    }
    var months: [Month]
}
