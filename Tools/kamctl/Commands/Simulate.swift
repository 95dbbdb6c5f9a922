import ArgumentParser
import Contracts
import ServiceKit
import Foundation
import Kafka

/// `kamctl simulate`: a realistic day of ERP traffic against the running stack, then a
/// report of what the platform made of it (SPEC §8, `make demo`).
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a day of ERP traffic (clients, price list, history, orders, invoices, payments, returns, KAM contacts), run the day's dunning and report.",
        discussion: """
            Deterministic for a seed; ids carry a suffix from the clock, so the command can run \
            again on the same stack. Orders with unknown SKUs wait out the orders service's \
            master-data grace period (KAM_MASTER_DATA_GRACE_SECONDS, 30 s by default) before \
            they are rejected.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "The business day to play (YYYY-MM-DD).")
    var day: String = "2026-11-30"

    @Option(help: "Orders placed during the day.")
    var orders: Int = 300

    @Option(help: "Seed of the generator: the same seed plays the same day.")
    var seed: UInt64 = 42

    @Option(help: "The KAM whose scorecard and next week's contact plan are printed.")
    var kam: String = Roster.kams[0]

    @Option(name: .customLong("timeout"), help: "Seconds to wait for the decisions and for the services to catch up.")
    var timeoutSeconds: Int = 180

    @Flag(name: .customLong("kam-week"), inversion: .prefixedNo,
          help: "End the report with the KAM's scorecard and next week's contact plan (else print them with `kamctl kam-week`).")
    var kamWeek = true

    @Flag(help: "Exit with status 1 unless every order ended in exactly one OrderConfirmed or OrderRejected.")
    var check = false

    func validate() throws {
        if orders < 20 { throw ValidationError("--orders must be at least 20") }
        if (try? BusinessDate(parsing: day)) == nil { throw ValidationError("--day must be a date YYYY-MM-DD") }
        if timeoutSeconds < 10 { throw ValidationError("--timeout must be at least 10 seconds") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let config = try kafka.clientConfig()
        let http = try StackHTTP.fromStack(subject: "kamctl-simulate")
        let zoneName = StackEnv.load().value("KAM_TIMEZONE") ?? "Europe/Moscow"
        guard let zone = TimeZone(identifier: zoneName) else { throw CLIError("unknown time zone \(zoneName)") }
        let date = try BusinessDate(parsing: day)
        let suffix = RunSuffix.fromClock()
        let timeout = Duration.seconds(timeoutSeconds)

        var rng = SeededRandom(seed: seed)
        var ids = IdMaker(suffix: suffix)
        let clients = Roster.clients.map { (spec: $0, id: IdMaker.format("C", suffix, $0.number, width: 2)) }
        let specs = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.spec) })
        let limitScale = Int64(max(1, (orders + 299) / 300))
        let run = SimulationRun(http: http, date: date, zone: zone, suffix: suffix, clients: clients)
        let planningBefore = try await run.actuals()

        let erp = try ERPPublisher(config: config)
        let collector = try DecisionCollector(config: config, orderPrefix: "O-\(suffix)-")
        collector.start()
        do {
            // 1. Master data and the clients' past.
            var ledger = History.generate(clients: clients, day: date, rng: &rng, ids: &ids)
            let priceList = Catalog.priceList(id: "PL-\(date.yearMonth)-\(suffix)", effectiveFrom: date.yearMonth.firstDay)
            let history = ledger
            Output.note("run \(suffix): publishing \(clients.count) clients, price list \(priceList.priceListId), "
                        + "\(history.invoices.count) past invoices and \(history.payments.count) payments")
            try await erp.send(try run.masterDataRecords(erp, priceList: priceList, limitScale: limitScale))
            try await erp.send(try run.ledgerRecords(erp, history, hourOfDay: 10))
            if !(try await run.waitCreditBalances(ledger, timeout: timeout)) {
                Output.note("warning: credit did not show every client's past balance (and receivables' open items) "
                            + "within \(timeoutSeconds) s; going on")
            }

            // 2. The day's orders, two resent by the ERP.
            let planned = DayOrders.plan(count: orders, clients: clients, day: date, calendar: zone, suffix: suffix, rng: &rng)
            var records = try planned.map { try erp.record(Topics.erpOrders, key: $0.order.clientId, $0.order, at: $0.order.placedAt) }
            let resent = planned.filter { $0.kind == .ordinary }.prefix(2)
            records += try resent.map { try erp.record(Topics.erpOrders, key: $0.order.clientId, $0.order, at: $0.order.placedAt.addingTimeInterval(600)) }
            Output.note("publishing \(planned.count) orders and \(resent.count) resends; waiting for the decisions")
            let ordersSent = ContinuousClock.now
            try await erp.send(records)
            let orderIds = planned.map(\.order.orderId)
            let allDecided = try await collector.waitDecided(orderIds, timeout: timeout)
            try await Task.sleep(for: .seconds(1)) // a late duplicate would show up here
            let decisions = collector.snapshot()
            let decisionWait = ContinuousClock.now - ordersSent
            if !allDecided {
                Output.note("warning: \(orderIds.filter { decisions[$0] == nil }.count) orders got no decision within \(timeoutSeconds) s")
            }

            // 3. The head works the holds until every order is confirmed or rejected.
            var desk = HeadDesk(http: http, orderIds: orderIds)
            Output.note("\(orderIds.filter { !DayReport.isFinal(decisions[$0]) }.count) orders held; the head decides them")
            if !(try await desk.work(collector, rng: &rng, timeout: timeout)) {
                Output.note("warning: some orders had no final decision within \(timeoutSeconds) s")
            }
            try await Task.sleep(for: .seconds(1)) // a late duplicate would show up here
            let decided = collector.snapshot()

            // 4. Shipments, returns and payments of the day; a cancellation; the month's plans.
            let confirmed = orderIds.compactMap { decided[$0].flatMap(DayReport.confirmed) }
            let before = ledger
            DayDocuments.generate(confirmed: confirmed, clients: specs, day: date, rng: &rng, ids: &ids, ledger: &ledger)
            let today = ledger.since(before)
            try await erp.send(try run.ledgerRecords(erp, today, hourOfDay: 18))
            let cancelled = DayReport.cancellationCandidate(orderIds: orderIds, decisions: decided, invoiced: Set(today.invoices.compactMap(\.orderId)))
            if let cancelled, let order = planned.first(where: { $0.order.orderId == cancelled })?.order {
                let message = OrderCancelled(orderId: order.orderId, clientId: order.clientId,
                                             cancelledAt: order.placedAt.addingTimeInterval(25 * 60), reason: "клиент отказался от заказа")
                try await erp.send([try erp.record(Topics.erpOrders, key: order.clientId, message, at: message.cancelledAt)])
            }
            let plans = run.plans(ledger: ledger, before: planningBefore, rng: &rng)
            try await run.putPlans(plans)
            let contacts = try await ContactDesk.log(http: http, clients: clients, day: date, zone: zone)
            Output.note("published \(today.invoices.count) invoices, \(today.creditNotes.count) credit notes, "
                        + "\(today.payments.count) payments; waiting for receivables and planning")
            if !(try await run.waitCaughtUp(ledger: ledger, before: planningBefore, cancelled: cancelled, timeout: timeout)) {
                Output.note("warning: the services had not caught up within \(timeoutSeconds) s; figures may be partial")
            }

            // 5. The day's dunning run and the collection worklist.
            Output.note("running dunning for \(date) and reading the notices on kam.dunning.v1")
            let dunning = try await DunningDesk(run: run).work(config: config, timeout: .seconds(min(timeoutSeconds, 60)))

            // 6. What happened.
            let report = DayReport(
                run: run, seed: seed, orders: planned, resends: resent.count, decisions: decided, cancelled: cancelled,
                history: history, today: today, priceListId: priceList.priceListId, plans: plans, head: desk.decisions,
                dunning: dunning, contacts: contacts, ledger: ledger, kamWeek: kamWeek)
            print(try await report.render(kam: kam, elapsed: ContinuousClock.now - started, decisionWait: decisionWait))
            if check, report.ordersWithoutOneFinalDecision > 0 {
                throw CLIError("check failed: \(report.ordersWithoutOneFinalDecision) of \(planned.count) orders did not end "
                               + "in exactly one OrderConfirmed or OrderRejected")
            }
        } catch {
            await collector.stop()
            await erp.close()
            throw error
        }
        await collector.stop()
        await erp.close()
    }
}
