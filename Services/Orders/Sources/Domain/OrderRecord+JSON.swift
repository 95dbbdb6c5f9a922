import Contracts

// The order document is written on every step of an order (DirectJSONWritable): by hand,
// members in sorted key order, exactly as its Codable encoding.

extension OrderRecord: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("approvedBy", ifPresent: approvedBy)
        out.member("businessDate", ifPresent: businessDate)
        out.member("clientId", clientId)
        out.member("comment", ifPresent: comment)
        out.member("decidedAt", ifPresent: decidedAt)
        out.member("history", ifPresent: history)
        out.member("kamId", ifPresent: kamId)
        out.member("orderId", orderId)
        out.member("parkedUntil", ifPresent: parkedUntil)
        out.member("placedAt", ifPresent: placedAt)
        out.member("priced", ifPresent: priced)
        out.member("reasons", reasons)
        out.member("requestedDeliveryDate", ifPresent: requestedDeliveryDate)
        out.member("requestedDiscountPercent", ifPresent: requestedDiscountPercent)
        out.member("requestedLines", requestedLines)
        out.member("stage", stage)
        out.member("status", status)
        out.member("updatedAt", updatedAt)
        out.endObject()
    }
}

extension OrderEvent: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("at", at)
        out.member("by", orNull: by)
        out.member("comment", orNull: comment)
        out.member("event", event)
        out.member("reasons", reasons)
        out.endObject()
    }
}

extension PricedOrder: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("discountPercent", discountPercent)
        out.member("lines", lines)
        out.member("priceColumn", priceColumn)
        out.member("priceListId", priceListId)
        out.member("total", total)
        out.endObject()
    }
}

extension OrderRecord: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(orderId: try json.string("orderId"), clientId: try json.string("clientId"), kamId: try json.string(ifPresent: "kamId"),
                  status: try json.value("status"), stage: try json.value("stage"), placedAt: try json.date(ifPresent: "placedAt"),
                  businessDate: try json.businessDate(ifPresent: "businessDate"),
                  requestedDeliveryDate: try json.businessDate(ifPresent: "requestedDeliveryDate"),
                  requestedDiscountPercent: try json.percent(ifPresent: "requestedDiscountPercent"),
                  requestedLines: try json.array("requestedLines"), priced: try json.object(ifPresent: "priced"),
                  reasons: try json.array("reasons"), parkedUntil: try json.date(ifPresent: "parkedUntil"),
                  decidedAt: try json.date(ifPresent: "decidedAt"), approvedBy: try json.string(ifPresent: "approvedBy"),
                  comment: try json.string(ifPresent: "comment"), updatedAt: try json.date("updatedAt"),
                  history: try json.array(ifPresent: "history"))
    }
}

extension OrderEvent: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(try json.value("event"), at: try json.date("at"), by: try json.string(ifPresent: "by"),
                  comment: try json.string(ifPresent: "comment"), reasons: try json.array("reasons"))
    }
}

extension PricedOrder: DirectJSONReadable {
    public init(json: JSONInput.Object) throws(JSONInput.Refused) {
        self.init(priceListId: try json.string("priceListId"), priceColumn: try json.int("priceColumn"),
                  discountPercent: try json.percent("discountPercent"), lines: try json.array("lines"), total: try json.money("total"))
    }
}
