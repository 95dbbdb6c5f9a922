import Contracts

/// The commercial terms of a client as the orders service knows them.
public struct ClientTerms: Sendable, Equatable {
    public var clientId: String
    public var kamId: String
    public var status: ClientStatus
    public var contract: Contract?

    public init(clientId: String, kamId: String, status: ClientStatus, contract: Contract?) {
        self.clientId = clientId
        self.kamId = kamId
        self.status = status
        self.contract = contract
    }
}

/// The effective price list, reduced to the SKUs an order asks for.
public struct PriceBook: Sendable, Equatable {
    public var priceListId: String
    /// SKU → prices by column (index 0 = column 1).
    public var prices: [String: [Money]]

    public init(priceListId: String, prices: [String: [Money]]) {
        self.priceListId = priceListId
        self.prices = prices
    }
}

public struct PricedOrder: Codable, Sendable, Equatable {
    public var priceListId: String
    public var priceColumn: Int
    public var discountPercent: Percent
    public var lines: [PricedLine]
    public var total: Money
}

/// What SPEC 5.2 steps 1–3 decide about a placed order; step 4 belongs to credit.
public enum OrderEvaluation: Sendable, Equatable {
    /// Master data is missing (group 1): park and retry until the grace period ends,
    /// then reject with these reasons.
    case missingMasterData([Reason])
    case rejected([Reason])
    case discountApprovalRequired(PricedOrder, [Reason])
    case needsCreditCheck(PricedOrder)
}

public enum ReasonCode {
    public static let unknownClient = "UNKNOWN_CLIENT"
    public static let unknownSku = "UNKNOWN_SKU"
    public static let noPriceList = "NO_PRICE_LIST"
    public static let invalidLine = "INVALID_LINE"
    public static let clientBlocked = "CLIENT_BLOCKED"
    public static let noContract = "NO_CONTRACT"
    public static let discountApprovalRequired = "DISCOUNT_APPROVAL_REQUIRED"
    public static let discountRejected = "DISCOUNT_REJECTED"
    public static let creditRejected = "CREDIT_REJECTED"
}

public enum OrderRules {
    /// Checks groups 1–3 in order; the first failing group decides and lists all its failures.
    public static func evaluate(_ order: OrderPlaced, client: ClientTerms?, priceBook: PriceBook?) -> OrderEvaluation {
        // Group 1: master data.
        var missing: [Reason] = []
        if client == nil {
            missing.append(Reason(code: ReasonCode.unknownClient, message: "client \(order.clientId) is not known"))
        }
        if let book = priceBook {
            let unknown = orderedUnique(order.lines.map(\.sku)).filter { book.prices[$0] == nil }
            missing += unknown.map { Reason(code: ReasonCode.unknownSku, message: "SKU \($0) is not in price list \(book.priceListId)") }
        } else {
            missing.append(Reason(code: ReasonCode.noPriceList, message: "no price list is effective on the order's date"))
        }
        if !missing.isEmpty { return .missingMasterData(missing) }
        guard let client, let book = priceBook else { return .missingMasterData(missing) }

        // Group 2: the order itself and the client's standing.
        var invalid: [Reason] = []
        if order.lines.isEmpty {
            invalid.append(Reason(code: ReasonCode.invalidLine, message: "the order has no lines"))
        }
        let decisionBytes = estimatedDecisionBytes(order)
        if decisionBytes > maxDecisionBytes {
            // Its confirmation could not be published: refuse it now, with one reason.
            invalid.append(Reason(code: ReasonCode.invalidLine, message: """
                the order's \(order.lines.count) lines would make a decision of about \(decisionBytes / 1024) KiB, \
                more than the \(maxDecisionBytes / 1024) KiB one message may carry; split the order
                """))
        } else {
            var lineProblems: [Reason] = []
            var seen = Set<Int>()
            for line in order.lines {
                if line.quantity <= 0 {
                    lineProblems.append(Reason(code: ReasonCode.invalidLine, message: "line \(line.lineNo): quantity \(line.quantity) must be positive"))
                }
                if !seen.insert(line.lineNo).inserted {
                    lineProblems.append(Reason(code: ReasonCode.invalidLine, message: "line \(line.lineNo) appears more than once"))
                }
            }
            invalid += lineProblems.prefix(maxLineReasons)
            if lineProblems.count > maxLineReasons {
                invalid.append(Reason(code: ReasonCode.invalidLine,
                                      message: "and \(lineProblems.count - maxLineReasons) more line problems"))
            }
        }
        if client.status == .blocked {
            invalid.append(Reason(code: ReasonCode.clientBlocked, message: "client \(client.clientId) is blocked"))
        }
        guard let contract = client.contract else {
            invalid.append(Reason(code: ReasonCode.noContract, message: "client \(client.clientId) has no signed contract"))
            return .rejected(invalid)
        }
        if !invalid.isEmpty { return .rejected(invalid) }

        // Pricing (SPEC 5.1).
        let discount = order.requestedDiscountPercent ?? .zero
        var lines: [PricedLine] = []
        var total = Money.zero
        for line in order.lines {
            guard let unitPrice = book.prices[line.sku].flatMap({ column(contract.priceColumn, of: $0) }) else {
                return .rejected([Reason(code: ReasonCode.noPriceList,
                                         message: "price list \(book.priceListId) has no column \(contract.priceColumn) for SKU \(line.sku)")])
            }
            guard let lineTotal = Rounding.checkedLineTotal(unitPrice: unitPrice, quantity: line.quantity, discount: discount),
                  case let (sum, overflow) = total.kopecks.addingReportingOverflow(lineTotal.kopecks), !overflow else {
                return .rejected([Reason(code: ReasonCode.invalidLine, message: "line \(line.lineNo): amount is too large")])
            }
            total = Money(kopecks: sum)
            lines.append(PricedLine(lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, unitPrice: unitPrice, lineTotal: lineTotal))
        }
        let priced = PricedOrder(priceListId: book.priceListId, priceColumn: contract.priceColumn,
                                 discountPercent: discount, lines: lines, total: total)

        // Group 3: discount authority.
        if discount > contract.maxDiscountPercent {
            return .discountApprovalRequired(priced, [Reason(
                code: ReasonCode.discountApprovalRequired,
                message: "requested discount \(discount) % exceeds the contract's \(contract.maxDiscountPercent) %")])
        }
        return .needsCreditCheck(priced)
    }

    /// Decisions must fit in one broker message (1 MB by default): orders whose confirmation
    /// would be larger than this are rejected as INVALID_LINE.
    public static let maxDecisionBytes = 900 * 1024
    /// A rejection names at most this many line problems, then how many more there are.
    public static let maxLineReasons = 50

    /// The size of the order's OrderConfirmed, from above: each priced line with its keys
    /// and largest numbers takes at most 110 bytes plus its SKU, the rest at most 2 KiB.
    static func estimatedDecisionBytes(_ order: OrderPlaced) -> Int {
        order.lines.reduce(2_048) { $0 + 110 + $1.sku.utf8.count }
    }

    static func column(_ column: Int, of prices: [Money]) -> Money? {
        column >= 1 && column <= prices.count ? prices[column - 1] : nil
    }

    static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
