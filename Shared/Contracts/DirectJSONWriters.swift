import Foundation

// The messages on an order's way from the ERP to its decision write themselves (JSONOutput.swift):
// members in sorted key order, exactly as their Codable encoding with WireJSON's encoder.

extension Envelope: DirectJSONWritable where Payload: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("correlationId", ifPresent: correlationId)
        out.member("messageId", messageId)
        out.member("occurredAt", occurredAt)
        out.member("payload", payload)
        out.member("schemaVersion", schemaVersion)
        out.member("type", type)
        out.endObject()
    }
}

extension Reason: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("code", code)
        out.member("message", message)
        out.endObject()
    }
}

extension OrderLine: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("lineNo", lineNo)
        out.member("quantity", quantity)
        out.member("sku", sku)
        out.endObject()
    }
}

extension PricedLine: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("lineNo", lineNo)
        out.member("lineTotal", lineTotal)
        out.member("quantity", quantity)
        out.member("sku", sku)
        out.member("unitPrice", unitPrice)
        out.endObject()
    }
}

extension CreditCheckRequested: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("businessDate", businessDate)
        out.member("clientId", clientId)
        out.member("kamId", kamId)
        out.member("orderId", orderId)
        out.member("requestedAt", requestedAt)
        out.member("total", total)
        out.endObject()
    }
}

extension CreditCheckDecided: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("clientId", clientId)
        out.member("comment", ifPresent: comment)
        out.member("creditLimit", creditLimit)
        out.member("decidedAt", decidedAt)
        out.member("decidedBy", ifPresent: decidedBy)
        out.member("exposure", exposure)
        out.member("orderId", orderId)
        out.member("outcome", outcome)
        out.member("reasons", reasons)
        out.endObject()
    }
}

extension OrderConfirmed: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("approvedBy", ifPresent: approvedBy)
        out.member("clientId", clientId)
        out.member("confirmedAt", confirmedAt)
        out.member("discountPercent", discountPercent)
        out.member("kamId", kamId)
        out.member("lines", lines)
        out.member("orderId", orderId)
        out.member("priceColumn", priceColumn)
        out.member("priceListId", priceListId)
        out.member("total", total)
        out.endObject()
    }
}

extension OrderOnHold: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("clientId", clientId)
        out.member("heldAt", heldAt)
        out.member("orderId", orderId)
        out.member("reasons", reasons)
        out.member("total", total)
        out.endObject()
    }
}

extension OrderRejected: DirectJSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("clientId", clientId)
        out.member("orderId", orderId)
        out.member("reasons", reasons)
        out.member("rejectedAt", rejectedAt)
        out.endObject()
    }
}
