import Foundation

/// What a bench run measured, and its printout.
struct BenchResult {
    let orderIds: [String]
    let sentAt: [ContinuousClock.Instant]
    let firstSent: ContinuousClock.Instant
    let sendDone: ContinuousClock.Instant
    let decisions: [String: [DecisionCollector.Decision]]
    let complete: Bool

    func render(rss: [(String, Int?)], raw: BrokerRate.Result?, clients: Int, rate: Int) -> String {
        var latencies: [Duration] = []
        var exactlyOne = 0
        var confirmed = 0
        var missing = 0
        var lastDecision = firstSent
        for (i, id) in orderIds.enumerated() {
            guard let list = decisions[id], let firstDecision = list.first else { missing += 1; continue }
            if list.count == 1 { exactlyOne += 1 }
            if list.count == 1, case .orderConfirmed = firstDecision.message { confirmed += 1 }
            latencies.append(firstDecision.receivedAt - sentAt[i])
            lastDecision = max(lastDecision, firstDecision.receivedAt)
        }
        let n = orderIds.count
        let span = lastDecision - firstSent
        let p = Percentiles(latencies)
        var out = [
            "kamctl bench: \(n) orders over \(clients) clients (\(rate > 0 ? "sent at \(rate)/s" : "sent as fast as the broker acknowledged"))",
            "  end to end     \(String(format: "%.0f", BrokerRate.perSecond(n - missing, span))) orders/s "
                + "(first OrderPlaced sent -> last decision received: \(Fmt.seconds(span)); sending took \(Fmt.seconds(sendDone - firstSent)))",
            "  ERP->decision  p50 \(Percentiles.ms(p.value(50)))  p95 \(Percentiles.ms(p.value(95)))  p99 \(Percentiles.ms(p.value(99)))  "
                + "max \(Percentiles.ms(p.value(100)))",
            "  check          \(n - missing) of \(n) orders decided; exactly one decision each: "
                + "\(exactlyOne == n ? "yes" : "NO (\(n - exactlyOne) not)"); confirmed: \(confirmed)\(complete ? "" : " (timed out)")",
            "  peak RSS (VmHWM)",
        ]
        for (name, kb) in rss {
            out.append("    \(name.padding(toLength: 12, withPad: " ", startingAt: 0))"
                       + (kb.map { Fmt.padLeft(String(format: "%.1f", Double($0) / 1024), 8) + " MiB" } ?? "       - (no pid file or process)"))
        }
        if let raw {
            let mb = Double(raw.bytes) / 1_048_576
            out.append("  broker raw     \(raw.records) records x \(raw.bytes / max(raw.records, 1)) bytes to a throwaway topic (6 partitions)")
            out.append("    produce      \(String(format: "%.0f", BrokerRate.perSecond(raw.records, raw.produce))) records/s "
                       + "(\(String(format: "%.1f", mb / max(Double(raw.produce.components.seconds) + Double(raw.produce.components.attoseconds) / 1e18, 1e-9))) MiB/s, "
                       + "\(Fmt.seconds(raw.produce)); one idempotent producer, acks=all)")
            out.append("    consume      \(String(format: "%.0f", BrokerRate.perSecond(raw.consumed, raw.consume))) records/s "
                       + "(\(raw.consumed) records in \(Fmt.seconds(raw.consume)) from the first record; group join took \(Fmt.seconds(raw.consumeJoin)))")
        }
        return out.joined(separator: "\n")
    }
}
