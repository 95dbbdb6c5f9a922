import ArgumentParser
import Contracts
import ServiceKit
import Foundation
import Kafka
import ServiceKit

/// `kamctl bench`: orders through the running stack, with end-to-end throughput, ERP→decision
/// latency, the services' peak memory and CPU, and the broker's own rate measured in the same
/// run. Modes: a burst (all orders at once), a paced stream (`--rate R --seconds S`), and a
/// backlog drain (orders published while the services are stopped, then the services started).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive orders through the running stack and print throughput, latency, peak RSS, CPU and the broker's raw rate.")

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case burst, paced, backlog
    }

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "burst: all orders at once; paced: --rate per second for --seconds; backlog: published while the services are stopped, then drained.")
    var mode: Mode?

    @Option(help: "Orders to time (after one warm-up order per client); paced mode sends rate × seconds.")
    var orders: Int = 20_000

    @Option(help: "Clients the orders are spread over (each with a huge credit limit).")
    var clients: Int = 200

    @Option(help: "Business day of the orders (YYYY-MM-DD).")
    var day: String = "2026-11-30"

    @Option(help: "Orders per second to send (paced mode); 0 sends them as fast as the broker acknowledges.")
    var rate: Int = 0

    @Option(help: "Seconds to send at --rate (paced mode; then --orders is rate × seconds).")
    var seconds: Int = 0

    @Option(help: "SIGKILL this service once a third of the orders are decided, then start it again (needs the run folder).")
    var kill: String?

    @Option(name: .customLong("raw-records"), help: "Records for the broker's raw produce/consume rate (0 skips it).")
    var rawRecords: Int = 200_000

    @Option(name: .customLong("raw-size"), help: "Bytes per raw record.")
    var rawSize: Int = 460

    @Option(name: .customLong("pg-statements"), help: "Print the N statements that took the most time (pg_stat_statements; 0 skips).")
    var pgStatements: Int = 0

    @Option(name: .customLong("run-dir"), help: "The stack's run folder with <service>.pid/.env files (default: .run/dev beside stack.env).")
    var runDir: String?

    @Option(name: .customLong("timeout"), help: "Seconds to wait for all decisions.")
    var timeoutSeconds: Int = 900

    var effectiveMode: Mode { mode ?? (rate > 0 ? .paced : .burst) }
    var timedOrders: Int { effectiveMode == .paced && seconds > 0 ? rate * seconds : orders }

    func validate() throws {
        if orders < 1 || clients < 1 { throw ValidationError("--orders and --clients must be positive") }
        if (try? BusinessDate(parsing: day)) == nil { throw ValidationError("--day must be a date YYYY-MM-DD") }
        if rate < 0 || seconds < 0 || rawRecords < 0 || rawSize < 64 { throw ValidationError("--rate, --seconds, --raw-records must be ≥ 0, --raw-size ≥ 64") }
        if effectiveMode == .paced && rate == 0 { throw ValidationError("paced mode needs --rate") }
        if effectiveMode != .paced && seconds > 0 { throw ValidationError("--seconds belongs to paced mode (--rate R --seconds S)") }
        if let kill, !StackProcesses.services.contains(kill) {
            throw ValidationError("--kill takes one of \(StackProcesses.services.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let config = try kafka.clientConfig()
        let http = try StackHTTP.fromStack(subject: "kamctl-bench")
        let stack = StackEnv.load()
        let zone = TimeZone(identifier: stack.value("KAM_TIMEZONE") ?? "Europe/Moscow") ?? TimeZone(identifier: "Europe/Moscow")!
        let date = try BusinessDate(parsing: day)
        let suffix = RunSuffix.fromClock()
        let dir = runDir ?? ProcessStats.defaultRunDir()
        if (effectiveMode == .backlog || kill != nil) && dir == nil {
            throw CLIError("the backlog mode and --kill need the stack's run folder (--run-dir)")
        }
        var statements: PGStatements?
        if pgStatements > 0, let url = stack.value("DATABASE_URL") { statements = PGStatements(url: try DatabaseURL(parsing: url)) }
        let erp = try ERPPublisher(config: config)
        let collector = try DecisionCollector(config: config, orderPrefix: "B-\(suffix)-")
        collector.start()
        var result: BenchResult
        do {
            result = try await drive(erp: erp, collector: collector, http: http, date: date, zone: zone, suffix: suffix,
                                     runDir: dir, statements: statements)
        } catch {
            await collector.stop()
            await erp.close()
            throw error
        }
        await collector.stop()
        await erp.close()

        result.rss = ["orders", "credit", "receivables", "planning", "broker"].map { name in
            (name, dir.flatMap { ProcessStats.peakRSSKilobytes(pidFile: "\($0)/\(name).pid") })
        }
        if let statements, pgStatements > 0 { result.statements = (try? await statements.top(pgStatements)) ?? [] }
        if rawRecords > 0 {
            Output.note("measuring the broker: \(rawRecords) records of \(rawSize) bytes")
            result.raw = try await CLIError.wrap("broker rate") {
                try await BrokerRate.measure(config: config, records: rawRecords, size: rawSize, suffix: suffix)
            }
        }
        print(result.render(clients: clients, rate: rate))
    }

    private func drive(erp: ERPPublisher, collector: DecisionCollector, http: StackHTTP, date: BusinessDate,
                       zone: TimeZone, suffix: String, runDir: String?, statements: PGStatements?) async throws -> BenchResult {
        // Master data: clients with limits no order can reach, and the month's price list.
        let ids = (1...clients).map { IdMaker.format("BC", suffix, $0) }
        let upserted = DayOrders.instant(date.adding(days: -30), hour: 9, in: zone)
        let priceList = Catalog.priceList(id: "PL-BENCH-\(suffix)", effectiveFrom: date.yearMonth.firstDay)
        var master = [try erp.record(Topics.erpPriceLists, key: priceList.priceListId, priceList, at: Date())]
        for (n, id) in ids.enumerated() {
            let client = ClientUpserted(
                clientId: id, name: "Bench client \(n + 1)", taxId: String(7_700_000_000 + n), kamId: Roster.kams[n % Roster.kams.count],
                segment: .retailChain, tier: .a, status: .active,
                contract: Contract(contractId: "D-\(id)", signedOn: date.adding(days: -365), paymentTermDays: 30,
                                   creditLimit: Money(kopecks: 100_000_000_000_000), priceColumn: 1 + n % 5,
                                   maxDiscountPercent: Percent(hundredths: 500)))
            master.append(try erp.record(Topics.erpClients, key: id, client, at: upserted))
        }
        try await erp.send(master)
        try await collector.waitAssigned()
        Output.note("run \(suffix): \(clients) clients published; warming up with one order per client")

        var rng = SeededRandom(seed: 7)
        let opening = DayOrders.instant(date, hour: 8, in: zone)
        func order(_ id: String, _ n: Int) -> OrderPlaced {
            let lines = Catalog.items.shuffled(using: &rng).prefix(rng.int(1...5)).enumerated().map {
                OrderLine(lineNo: $0.offset + 1, sku: $0.element.sku, quantity: rng.int64(1...50))
            }
            return OrderPlaced(orderId: id, clientId: ids[n % ids.count], placedAt: opening.addingTimeInterval(Double(n % 39_600)),
                               requestedDeliveryDate: date.adding(days: 1), lines: lines)
        }
        let warmup = ids.indices.map { order(IdMaker.format("B", "\(suffix)-W", $0 + 1), $0) }
        try await erp.send(try warmup.map { try erp.record(Topics.erpOrders, key: $0.clientId, $0, at: $0.placedAt) })
        guard try await collector.waitDecided(warmup.map(\.orderId), timeout: .seconds(120)) else {
            throw CLIError("the warm-up orders were not all decided within 120 s")
        }

        // The timed run.
        let count = timedOrders
        let timed = (0..<count).map { order(IdMaker.format("B", suffix, $0 + 1, width: 6), $0) }
        let records = try timed.map { try erp.record(Topics.erpOrders, key: $0.clientId, $0, at: $0.placedAt) }
        let processes = runDir.map { StackProcesses(runDir: $0) }
        var backlog: BenchResult.Backlog?
        if effectiveMode == .backlog, let processes {
            Output.note("stopping the services (SIGTERM) to build a backlog")
            try await processes.stop(StackProcesses.services)
        }
        if let statements { _ = await statements.reset() }
        let cpuBefore = CPUSample.take(runDir: runDir)
        let paced = effectiveMode == .paced ? rate : 0
        Output.note("sending \(count) orders\(paced > 0 ? " at \(paced)/s" : "")")
        var sentAt = [ContinuousClock.Instant](repeating: .now, count: count)
        let chunk = paced > 0 ? max(1, paced / 100) : 1000
        let first = ContinuousClock.now
        let crash = kill.flatMap { name in processes.map { crashMidRun(name, processes: $0, collector: collector, ids: timed.map(\.orderId)) } }
        // Paced chunks are sent on schedule without waiting for the previous one's
        // acknowledgement: a slow acknowledgement must not slow the stream being measured.
        try await withThrowingTaskGroup(of: Void.self) { sends in
            var index = 0
            while index < count {
                let end = min(index + chunk, count)
                if paced > 0 {
                    let due = first + .seconds(Double(index) / Double(paced))
                    if due > .now { try await Task.sleep(until: due, clock: .continuous) }
                }
                let now = ContinuousClock.now
                for i in index..<end { sentAt[i] = now }
                let part = Array(records[index..<end])
                if paced > 0 { sends.addTask { try await erp.send(part) } } else { try await erp.send(part) }
                index = end
            }
            try await sends.waitForAll()
        }
        let sendDone = ContinuousClock.now
        Output.note("sent in \(Fmt.seconds(sendDone - first)); waiting for the decisions")
        if effectiveMode == .backlog, let processes {
            let started = ContinuousClock.now
            try processes.start(StackProcesses.services)
            try await processes.waitReady(StackProcesses.services)
            backlog = BenchResult.Backlog(started: started, ready: .now)
            Output.note("services started again; draining the backlog")
        }
        let complete = try await collector.waitDecided(timed.map(\.orderId), timeout: .seconds(timeoutSeconds),
                                                       reportEvery: .seconds(10))
        let cpuAfter = CPUSample.take(runDir: runDir)
        let killed = try await crash?.value
        try await Task.sleep(for: .seconds(2)) // a duplicate decision would arrive here
        return BenchResult(mode: effectiveMode.rawValue, orderIds: timed.map(\.orderId), sentAt: sentAt, firstSent: first,
                           sendDone: sendDone, decisions: collector.snapshot(), complete: complete,
                           cpu: cpuAfter.since(cpuBefore), backlog: backlog, killed: killed)
    }

    /// SIGKILL of `name` once a third of the orders are decided, and a start 1 s later.
    private func crashMidRun(_ name: String, processes: StackProcesses, collector: DecisionCollector,
                             ids: [String]) -> Task<String, any Error> {
        Task {
            let progress = DecisionCollector.Progress(collector, ids)
            _ = try await eventually(timeout: .seconds(600), every: .milliseconds(5)) { try progress.decided() >= ids.count / 3 }
            let atKill = try progress.decided()
            try await processes.stop([name], signal: SIGKILL)
            Output.note("SIGKILL \(name) with \(atKill) of \(ids.count) orders decided; starting it again in 1 s")
            try await Task.sleep(for: .seconds(1))
            try processes.start([name])
            try await processes.waitReady([name])
            return "\(name) SIGKILLed with \(atKill) of \(ids.count) orders decided, started again"
        }
    }
}
