import ArgumentParser
import Contracts
import ServiceKit
import Foundation
import Kafka

/// `kamctl bench`: orders through the running stack as fast as it takes them, with
/// end-to-end throughput, ERP→decision latency, the services' peak memory and the broker's
/// own rate measured in the same run.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive orders through the running stack and print throughput, latency, peak RSS and the broker's raw rate.")

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Orders to time (after one warm-up order per client).")
    var orders: Int = 20_000

    @Option(help: "Clients the orders are spread over (each with a huge credit limit).")
    var clients: Int = 200

    @Option(help: "Business day of the orders (YYYY-MM-DD).")
    var day: String = "2026-11-30"

    @Option(help: "Orders per second to send; 0 sends them as fast as the broker acknowledges.")
    var rate: Int = 0

    @Option(name: .customLong("raw-records"), help: "Records for the broker's raw produce/consume rate (0 skips it).")
    var rawRecords: Int = 200_000

    @Option(name: .customLong("raw-size"), help: "Bytes per raw record.")
    var rawSize: Int = 460

    @Option(name: .customLong("run-dir"), help: "The stack's run folder with <service>.pid files (default: .run/dev beside stack.env).")
    var runDir: String?

    @Option(name: .customLong("timeout"), help: "Seconds to wait for all decisions.")
    var timeoutSeconds: Int = 900

    func validate() throws {
        if orders < 1 || clients < 1 { throw ValidationError("--orders and --clients must be positive") }
        if (try? BusinessDate(parsing: day)) == nil { throw ValidationError("--day must be a date YYYY-MM-DD") }
        if rate < 0 || rawRecords < 0 || rawSize < 64 { throw ValidationError("--rate, --raw-records must be ≥ 0, --raw-size ≥ 64") }
    }

    func run() async throws {
        let config = try kafka.clientConfig()
        let http = try StackHTTP.fromStack(subject: "kamctl-bench")
        let zone = TimeZone(identifier: StackEnv.load().value("KAM_TIMEZONE") ?? "Europe/Moscow") ?? TimeZone(identifier: "Europe/Moscow")!
        let date = try BusinessDate(parsing: day)
        let suffix = RunSuffix.fromClock()
        let erp = try ERPPublisher(config: config)
        let collector = try DecisionCollector(config: config, orderPrefix: "B-\(suffix)-")
        collector.start()
        let result: BenchResult
        do {
            result = try await drive(erp: erp, collector: collector, http: http, date: date, zone: zone, suffix: suffix)
        } catch {
            await collector.stop()
            await erp.close()
            throw error
        }
        await collector.stop()
        await erp.close()

        let dir = runDir ?? ProcessStats.defaultRunDir()
        let rss = ["orders", "credit", "receivables", "planning", "broker"].map { name in
            (name, dir.flatMap { ProcessStats.peakRSSKilobytes(pidFile: "\($0)/\(name).pid") })
        }
        var raw: BrokerRate.Result?
        if rawRecords > 0 {
            Output.note("measuring the broker: \(rawRecords) records of \(rawSize) bytes")
            raw = try await CLIError.wrap("broker rate") {
                try await BrokerRate.measure(config: config, records: rawRecords, size: rawSize, suffix: suffix)
            }
        }
        print(result.render(rss: rss, raw: raw, clients: clients, rate: rate))
    }

    private func drive(erp: ERPPublisher, collector: DecisionCollector, http: StackHTTP, date: BusinessDate,
                       zone: TimeZone, suffix: String) async throws -> BenchResult {
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
        let timed = (0..<orders).map { order(IdMaker.format("B", suffix, $0 + 1, width: 6), $0) }
        let records = try timed.map { try erp.record(Topics.erpOrders, key: $0.clientId, $0, at: $0.placedAt) }
        Output.note("sending \(orders) orders\(rate > 0 ? " at \(rate)/s" : "")")
        var sentAt = [ContinuousClock.Instant](repeating: .now, count: orders)
        let chunk = rate > 0 ? max(1, rate / 20) : 1000
        let first = ContinuousClock.now
        var index = 0
        while index < orders {
            let end = min(index + chunk, orders)
            if rate > 0 {
                let due = first + .seconds(Double(index) / Double(rate))
                if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            }
            let now = ContinuousClock.now
            for i in index..<end { sentAt[i] = now }
            try await erp.send(Array(records[index..<end]))
            index = end
        }
        let sendDone = ContinuousClock.now
        Output.note("sent in \(Fmt.seconds(sendDone - first)); waiting for the decisions")
        let complete = try await collector.waitDecided(timed.map(\.orderId), timeout: .seconds(timeoutSeconds),
                                                       reportEvery: .seconds(10))
        try await Task.sleep(for: .seconds(2)) // a duplicate decision would arrive here
        let decisions = collector.snapshot()
        return BenchResult(orderIds: timed.map(\.orderId), sentAt: sentAt, firstSent: first, sendDone: sendDone,
                           decisions: decisions, complete: complete)
    }
}
