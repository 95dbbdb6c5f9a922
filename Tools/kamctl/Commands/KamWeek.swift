import ArgumentParser
import Contracts
import Foundation

/// `kamctl kam-week`: one KAM's scorecard for a day's month, with the bonus and its inputs,
/// and the KAM's contact plan for the ISO week after that day (SPEC 5.4), from the running stack.
struct KamWeek: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kam-week",
        abstract: "Print a KAM's scorecard (with the bonus) for a day's month and the contact plan for the week after it.",
        discussion: """
            Waits (up to --timeout) until every consumer group's lag is 0, so the figures \
            include what was just published, then reads GET /scorecards and GET /schedules as the head.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "The KAM.")
    var kam: String = Roster.kams[0]

    @Option(help: "The business day (YYYY-MM-DD): its month's scorecard, the following ISO week's plan.")
    var day: String = "2026-11-30"

    @Option(name: .customLong("timeout"), help: "Seconds to wait for the consumers to catch up.")
    var timeoutSeconds: Int = 30

    func validate() throws {
        if (try? BusinessDate(parsing: day)) == nil { throw ValidationError("--day must be a date YYYY-MM-DD") }
        if timeoutSeconds < 0 { throw ValidationError("--timeout must not be negative") }
    }

    func run() async throws {
        let config = try kafka.clientConfig()
        let http = try StackHTTP.fromStack(subject: "kamctl-kam-week")
        let caughtUp = try await eventually(timeout: .seconds(timeoutSeconds), every: .milliseconds(500)) {
            try await Lag.collect(config: config, only: []).allSatisfy { $0.lag == 0 }
        }
        if !caughtUp { Output.note("warning: some consumers still lag after \(timeoutSeconds) s; figures may be partial") }
        let report = KamWeekReport(http: http, kam: kam, day: try BusinessDate(parsing: day), names: Roster.name(ofClientId:))
        print(try await report.render().joined(separator: "\n"))
    }
}
