import Foundation

/// What a bench run measured, and its printout.
struct BenchResult {
    /// When the stopped services were started again, and when all were ready (backlog mode).
    struct Backlog {
        let started: ContinuousClock.Instant
        let ready: ContinuousClock.Instant
    }

    let mode: String
    let orderIds: [String]
    let sentAt: [ContinuousClock.Instant]
    let firstSent: ContinuousClock.Instant
    let sendDone: ContinuousClock.Instant
    let decisions: [String: [DecisionCollector.Decision]]
    let complete: Bool
    /// CPU seconds per process over the timed run.
    let cpu: [String: Double]
    let backlog: Backlog?
    let killed: String?
    var rss: [(String, Int?)] = []
    var raw: BrokerRate.Result?
    var statements: [PGStatements.Row] = []

    func render(clients: Int, rate: Int) -> String {
        var latencies: [Duration] = []
        var exactlyOne = 0
        var confirmed = 0
        var missing = 0
        var firstDecision: ContinuousClock.Instant?
        var lastDecision = firstSent
        for (i, id) in orderIds.enumerated() {
            guard let list = decisions[id], let decision = list.first else { missing += 1; continue }
            if list.count == 1 { exactlyOne += 1 }
            if list.count == 1, case .orderConfirmed = decision.message { confirmed += 1 }
            latencies.append(decision.receivedAt - sentAt[i])
            lastDecision = max(lastDecision, decision.receivedAt)
            firstDecision = min(firstDecision ?? decision.receivedAt, decision.receivedAt)
        }
        let n = orderIds.count
        let decided = n - missing
        let span = lastDecision - firstSent
        let p = Percentiles(latencies)
        let how = switch mode {
        case "paced": "sent at \(rate)/s"
        case "backlog": "published while the services were stopped, then drained"
        default: "sent as fast as the broker acknowledged"
        }
        var out = ["kamctl bench \(mode): \(n) orders over \(clients) clients (\(how))"]
        var endToEnd = BrokerRate.perSecond(decided, span)
        if let backlog {
            let drain = lastDecision - backlog.started
            endToEnd = BrokerRate.perSecond(decided, drain)
            out.append("  backlog        drained in \(Fmt.seconds(drain)) from the services' start (all ready after "
                       + "\(Fmt.seconds(backlog.ready - backlog.started)); first decision after "
                       + "\(Fmt.seconds((firstDecision ?? lastDecision) - backlog.started))): "
                       + "\(String(format: "%.0f", endToEnd)) orders/s")
            out.append("                 \(String(format: "%.0f", BrokerRate.perSecond(decided, lastDecision - (firstDecision ?? lastDecision)))) orders/s "
                       + "from the first decision to the last")
        } else {
            out.append("  end to end     \(String(format: "%.0f", endToEnd)) orders/s "
                       + "(first OrderPlaced sent -> last decision received: \(Fmt.seconds(span)); sending took \(Fmt.seconds(sendDone - firstSent)))")
            out.append("  ERP->decision  p50 \(Percentiles.ms(p.value(50)))  p95 \(Percentiles.ms(p.value(95)))  p99 \(Percentiles.ms(p.value(99)))  "
                       + "max \(Percentiles.ms(p.value(100)))")
        }
        if let killed { out.append("  crash          \(killed)") }
        out.append("  check          \(decided) of \(n) orders decided; exactly one decision each: "
                   + "\(exactlyOne == n ? "yes" : "NO (\(n - exactlyOne) not)"); confirmed: \(confirmed)\(complete ? "" : " (timed out)")")
        let window = backlog.map { lastDecision - $0.started } ?? span
        let windowSeconds = max(Self.seconds(window), 1e-9)
        out.append("  peak RSS (VmHWM) and CPU over the \(Fmt.seconds(window)) run (100 % = one core)")
        let names = ["orders", "credit", "receivables", "planning", "broker", "postgresql"]
        for name in names {
            let kb = rss.first { $0.0 == name }?.1
            let memory = kb.map { Fmt.padLeft(String(format: "%.1f", Double($0) / 1024), 8) + " MiB" } ?? (name == "postgresql" ? "            " : "       - MiB")
            let cpuText = cpu[name].map { "\(Fmt.padLeft(String(format: "%.1f", $0), 7)) s CPU \(Fmt.padLeft(String(format: "%.0f", $0 / windowSeconds * 100), 4)) %" } ?? "        - (not measured)"
            out.append("    \(name.padding(toLength: 12, withPad: " ", startingAt: 0))\(memory)  \(cpuText)")
        }
        let total = cpu.values.reduce(0, +)
        out.append("    all of them             \(Fmt.padLeft(String(format: "%.1f", total), 7)) s CPU \(Fmt.padLeft(String(format: "%.0f", total / windowSeconds * 100), 4)) %  "
                   + "(\(String(format: "%.2f", total / Double(max(decided, 1)) * 1000)) ms CPU per order)")
        if let raw {
            let mb = Double(raw.bytes) / 1_048_576
            let consume = BrokerRate.perSecond(raw.consumed, raw.consume)
            out.append("  broker raw     \(raw.records) records x \(raw.bytes / max(raw.records, 1)) bytes to a throwaway topic (6 partitions)")
            out.append("    produce      \(String(format: "%.0f", BrokerRate.perSecond(raw.records, raw.produce))) records/s "
                       + "(\(String(format: "%.1f", mb / max(Self.seconds(raw.produce), 1e-9))) MiB/s, "
                       + "\(Fmt.seconds(raw.produce)); one idempotent producer, acks=all)")
            out.append("    consume      \(String(format: "%.0f", consume)) records/s "
                       + "(\(raw.consumed) records in \(Fmt.seconds(raw.consume)) from the first record; group join took \(Fmt.seconds(raw.consumeJoin)))")
            // An order crosses the broker four times and two services' databases on its way.
            out.append("    ratio        the broker alone passes \(String(format: "%.0f", consume / max(endToEnd, 1e-9)))x the orders/s "
                       + "end to end (an order makes 4 broker hops)")
        }
        if !statements.isEmpty { out += PGStatements.render(statements, orders: n) }
        return out.joined(separator: "\n")
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
