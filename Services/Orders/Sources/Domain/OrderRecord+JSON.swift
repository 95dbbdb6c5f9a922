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
