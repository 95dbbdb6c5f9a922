import ArgumentParser
import Contracts
import Foundation
import ServiceKit

/// `kamctl ageing-bench`: seeds the receivables schema of the running stack directly
/// (clients, a year of invoices and payments each), lets the receivables service build the
/// stored ledgers, then times GET /ageing and its neighbours over HTTP.
struct AgeingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ageing-bench",
        abstract: "Seed receivables with N clients and M documents, then time GET /ageing (and statements, collections) over HTTP.",
        discussion: """
            Needs the stack's admin DATABASE_URL (from the environment or .run/stack.env) and a running receivables \
            service. It refuses a schema that already holds documents unless --reset, which deletes receivables' data.
            """)

    @Option(help: "Clients to seed.")
    var clients: Int = 10_000

    @Option(help: "Documents to seed in all (55 % invoices, 45 % payments).")
    var documents: Int = 1_000_000

    @Option(help: "Timed requests per resource (after one warm-up).")
    var repeats: Int = 5

    @Option(help: "The day the documents lead up to and GET /ageing is asked for (YYYY-MM-DD).")
    var day: String = "2026-11-30"

    @Flag(help: "Empty the receivables schema first (deletes its data).")
    var reset = false

    @Option(name: .customLong("timeout"), help: "Seconds to wait for the service to build the ledgers.")
    var timeoutSeconds: Int = 1800

    func validate() throws {
        if clients < 1 || clients > 99_999 { throw ValidationError("--clients must be 1...99999") }
        if documents < clients * 2 { throw ValidationError("--documents must be at least twice --clients") }
        if repeats < 1 { throw ValidationError("--repeats must be positive") }
        if (try? BusinessDate(parsing: day)) == nil { throw ValidationError("--day must be a date YYYY-MM-DD") }
    }

    func run() async throws {
        let env = StackEnv.load()
        guard let raw = env.value("DATABASE_URL") else { throw CLIError("no DATABASE_URL: set it or run `make up` (writes .run/stack.env)") }
        let url: DatabaseURL
        do { url = try DatabaseURL(parsing: raw) } catch { throw CLIError("DATABASE_URL: \(CLIError.oneLine(error))") }
        let http = try StackHTTP.fromStack(subject: "kamctl-ageing-bench")
        let date = try BusinessDate(parsing: day)
        let logger = Output.logger("ageing-bench")
        let connection = try await CLIError.wrap("connect to \(url)") { try await url.connect(logger: logger) }
        defer { Task { try? await connection.close() } }
        let seed = AgeingSeed(connection: connection, logger: logger, day: date)

        let existing = try await seed.documentCount()
        if existing > 0 && !reset {
            throw CLIError("receivables already holds \(existing) documents; --reset empties the schema first (deletes its data)")
        }
        if reset { try await seed.reset() }
        let (invoices, payments) = AgeingSeed.split(documents: documents, clients: clients)
        let seeding = ContinuousClock.now
        for first in stride(from: 1, through: clients, by: 1000) {
            try await seed.seed(clients: first, min(first + 999, clients), invoices: invoices, payments: payments)
        }
        let seeded = ContinuousClock.now - seeding
        let total = clients * (invoices + payments)
        Output.note("seeded \(clients) clients, \(total) documents in \(Fmt.seconds(seeded)); the service builds the ledgers")

        let building = ContinuousClock.now
        let built = try await eventually(timeout: .seconds(timeoutSeconds), every: .seconds(1)) { try await seed.staleLedgers() == 0 }
        guard built else { throw CLIError("the receivables service did not build the ledgers within \(timeoutSeconds) s") }
        let buildTime = ContinuousClock.now - building
        try await seed.vacuum()

        let asOf = "asOf=\(date)"
        let kam = "kam-bench-01"
        var lines = [
            "ageing bench: \(clients) clients, \(total) documents (\(clients * invoices) invoices, \(clients * payments) payments) "
                + "seeded in \(Fmt.seconds(seeded)); stored ledgers built by the service in \(Fmt.seconds(buildTime))",
        ]
        var ageingTotal: Int64?
        for (label, path) in [("GET /ageing (every client)", "/ageing?\(asOf)"),
                              ("GET /ageing?kamId= (one KAM)", "/ageing?\(asOf)&kamId=\(kam)"),
                              ("GET /collections (first page)", "/collections?\(asOf)"),
                              ("GET /clients/{id}/statement", "/clients/BC-00001/statement?\(asOf)")] {
            let timing = try await Self.time(http, http.receivables + path, repeats: repeats)
            if path.hasPrefix("/ageing?") && !path.contains("kamId") {
                ageingTotal = ((timing.json["totals"] as? [String: Any])?["total"] as? String).flatMap { try? Money(parsing: $0).kopecks }
            }
            lines.append(timing.line(label))
        }
        let balance = try await seed.balance()
        lines.append("check: ageing total \(Fmt.money(ageingTotal ?? -1)) = Σ invoices − Σ payments \(Fmt.money(balance)): "
                     + (ageingTotal == balance ? "yes" : "NO"))
        print(lines.joined(separator: "\n"))
        if ageingTotal != balance { throw ExitCode(1) }
    }

    struct Timing {
        var millis: [Double]
        var bytes: Int
        var json: [String: Any]

        func line(_ label: String) -> String {
            let sorted = millis.sorted()
            func ms(_ v: Double) -> String { String(format: "%.0f ms", v) }
            return "\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) p50 \(ms(sorted[sorted.count / 2]))  "
                + "min \(ms(sorted.first!))  max \(ms(sorted.last!))  (\(millis.count) runs, \(bytes / 1024) KiB)"
        }
    }

    /// One warm-up, then `repeats` timed requests; each must answer 200.
    static func time(_ http: StackHTTP, _ url: String, repeats: Int) async throws -> Timing {
        var reply = try await http.get(url)
        var millis: [Double] = []
        for _ in 0..<repeats {
            let started = ContinuousClock.now
            reply = try await http.get(url)
            let d = ContinuousClock.now - started
            millis.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            guard reply.status == 200 else { throw CLIError("GET \(url) answered \(reply.status)") }
        }
        return Timing(millis: millis, bytes: reply.body.count, json: reply.json)
    }
}
