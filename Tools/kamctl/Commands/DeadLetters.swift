import ArgumentParser
import Contracts
import Foundation

/// `kamctl deadletters`: what the services could not read, and why (SPEC §2).
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletters",
        abstract: "List the dead letters on kam.deadletter.v1, oldest first.")

    @OptionGroup var kafka: KafkaOptions

    @Flag(help: "Print the dead-letter payloads as a JSON array.")
    var json = false

    @Option(help: "Show only the newest N.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let config = try kafka.clientConfig()
        let result = try await CLIError.wrap("read dead letters (broker \(config.brokers))") { try await DeadLetterReader(config: config).read() }
        var entries = result.entries.sorted { ($0.letter.deadLetteredAt, $0.partition, $0.offset) < ($1.letter.deadLetteredAt, $1.partition, $1.offset) }
        if let limit { entries = Array(entries.suffix(limit)) }

        for bad in result.unreadable {
            Output.note("record \(Topics.deadLetter.name)[\(bad.partition)]@\(bad.offset) is not a valid dead letter: \(bad.error)")
        }
        if !result.complete { Output.note("stopped before the end of the topic (timeout); the list may be incomplete") }

        if json {
            try Output.json(entries.map(\.letter), encoder: WireJSON.encoder())
        } else {
            print(Self.table(entries))
        }
    }

    static func table(_ entries: [DeadLetterReader.Entry]) -> String {
        if entries.isEmpty { return "no dead letters" }
        var table = TextTable("DEAD-LETTERED AT", "SERVICE", "SOURCE TOPIC", "PARTITION/OFFSET", "ERROR")
        for e in entries {
            let l = e.letter
            table.add(WireJSON.format(l.deadLetteredAt), l.service, l.sourceTopic, "\(l.sourcePartition)/\(l.sourceOffset)", l.error)
        }
        return table.render() + "\n\(entries.count) dead letters"
    }
}
