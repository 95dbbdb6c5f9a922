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
}

/// Answers whose body the page does not need.
struct Ignored: Decodable {}
