import ArgumentParser
import Kafka

/// `kamctl lag`: committed offset against end offset for every group and partition,
/// the way `kafka-consumer-groups --describe` shows it (SPEC §7).
struct Lag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every consumer group's lag per topic and partition.")

    @OptionGroup var kafka: KafkaOptions

    @Flag(help: "Print a JSON array of {group, topic, partition, committedOffset, endOffset, lag}.")
    var json = false

    @Option(name: .customLong("group"), help: "Only this consumer group (repeatable).")
    var groups: [String] = []

    @Option(help: "Exit with status 1 when the total lag is above this (for scripts and probes).")
    var maxLag: Int64?

    func run() async throws {
        let config = try kafka.clientConfig()
        let rows = try await CLIError.wrap("lag (broker \(config.brokers))") { try await Self.collect(config: config, only: groups) }
        if json {
            try Output.json(rows)
        } else {
            print(LagReport.table(rows))
        }
        let total = rows.reduce(Int64(0)) { $0 + $1.lag }
        if let maxLag, total > maxLag {
            throw CLIError("total lag \(total) is above --max-lag \(maxLag)")
        }
    }

    static func collect(config: KafkaClientConfig, only: [String]) async throws -> [GroupPartitionLag] {
        let admin = try KafkaAdmin(config: config)
        let topics = try await admin.listTopics()
        let groups = only.isEmpty ? try await admin.listGroups().filter(isReported) : only
        var rows: [GroupPartitionLag] = []
        for group in groups {
            rows += try await admin.groupLag(group: group, topics: topics)
        }
        return rows.sorted { ($0.group, $0.topic, $0.partition) < ($1.group, $1.topic, $1.partition) }
    }

    /// Throwaway groups of our own readers (watermark probes, dead-letter reads) never commit.
    static func isReported(_ group: String) -> Bool {
        !group.hasPrefix("kam-watermarks-") && !group.hasPrefix(DeadLetterReader.groupPrefix)
            && !group.hasPrefix(DecisionCollector.groupPrefix) && !group.hasPrefix(BrokerRate.groupPrefix)
    }
}
