import ArgumentParser
import Contracts
import Foundation

/// `kamctl deadletters`: what the services could not read, and why (SPEC §2); and putting
/// the originals back once the cause is fixed.
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletters",
        abstract: "List the dead letters on kam.deadletter.v1, or replay them to their source topics.",
        subcommands: [List.self, Replay.self],
        defaultSubcommand: List.self)

    /// Where the dead letters are: the services' KAM_TOPIC_PREFIX.
    struct TopicOptions: ParsableArguments {
        @Option(help: "Prefix of the services' topic names (default: $KAM_TOPIC_PREFIX, else none).")
        var topicPrefix: String?

        var prefix: String { topicPrefix ?? ProcessInfo.processInfo.environment["KAM_TOPIC_PREFIX"] ?? "" }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the dead letters, oldest first, with their ids and replays.")

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var topics: TopicOptions

        @Flag(help: "Print the dead letters as a JSON array of {id, replays, deadLetter}.")
        var json = false

        @Option(help: "Show only the newest N.")
        var limit: Int?

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let config = try kafka.clientConfig()
            let replayer = DeadLetterReplayer(config: config, topicPrefix: topics.prefix)
            let inventory = try await CLIError.wrap("read dead letters (broker \(config.brokers))") { try await replayer.inventory() }
            var entries = DeadLetters.oldestFirst(inventory.entries)
            if let limit { entries = Array(entries.suffix(limit)) }
            DeadLetters.report(inventory)
            if json {
                try Output.json(entries.map { JSONEntry(id: $0.id, replays: inventory.replays[$0.id] ?? [], deadLetter: $0.letter) },
                                encoder: WireJSON.encoder())
            } else {
                print(DeadLetters.table(entries, replays: inventory.replays))
            }
        }

        struct JSONEntry: Encodable {
            var id: String
            var replays: [DeadLetterReplayed]
            var deadLetter: DeadLetter
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish dead letters' original records (exact value and key bytes) to their source topics again.",
            discussion: """
                Replay once the cause is fixed (the producer corrected, the service upgraded): each \
                consumer group of the source topic reads the record again, and one that had \
                handled it already drops it by its messageId. The replayed record carries the \
                headers kam-replay-of (the dead letter's id), kam-replayed-by and kam-replayed-at, \
                and each replay is recorded on kam.deadletter.replays.v1 (who, when, what, why; \
                `deadletters list` shows it). A truncated dead letter (its value was too large to \
                keep whole) is refused. With --all, dead letters replayed before are skipped.
                """)

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var topics: TopicOptions

        @Option(name: .customLong("id"), help: "A dead letter's id, or a unique start of it (repeatable).")
        var ids: [String] = []

        @Flag(help: "Every dead letter not replayed yet (narrow with --source-topic / --service).")
        var all = false

        @Option(help: "With --all: only dead letters from this source topic.")
        var sourceTopic: String?

        @Option(help: "With --all: only dead letters of this service.")
        var service: String?

        @Flag(help: "Replay dead letters that were replayed before, once more.")
        var again = false

        @Option(help: "Why, for the record (e.g. a ticket).")
        var reason: String?

        @Option(name: .customLong("by"), help: "Who replays (default: $KAM_OPERATOR, $SUDO_USER or $USER).")
        var replayedBy: String?

        @Flag(help: "Show what would be replayed; publish nothing.")
        var dryRun = false

        func validate() throws {
            if ids.isEmpty == !all { throw ValidationError("name dead letters with --id ID, or pass --all") }
            if !all && (sourceTopic != nil || service != nil) {
                throw ValidationError("--source-topic and --service narrow --all")
            }
            if let id = ids.first(where: { $0.count < 4 }) { throw ValidationError("--id \(id): give at least 4 characters") }
        }

        func run() async throws {
            let config = try kafka.clientConfig()
            let replayer = DeadLetterReplayer(config: config, topicPrefix: topics.prefix)
            let inventory = try await CLIError.wrap("read dead letters (broker \(config.brokers))") { try await replayer.inventory() }
            DeadLetters.report(inventory)
            if !inventory.complete { throw CLIError("the dead-letter topics were not read to their end; nothing replayed") }

            var chosen: [DeadLetterReader.Entry] = []
            var refused: [String] = []
            if all {
                for entry in DeadLetters.oldestFirst(inventory.entries) {
                    if let sourceTopic, entry.letter.sourceTopic != sourceTopic { continue }
                    if let service, entry.letter.service != service { continue }
                    if !again, inventory.replays[entry.id] != nil { continue }
                    chosen.append(entry)
                }
            } else {
                for id in ids {
                    let matches = inventory.entries.filter { $0.id.hasPrefix(id.lowercased()) }
                    guard matches.count == 1, let entry = matches.first else {
                        throw CLIError(matches.isEmpty ? "no dead letter with id \(id) on \(replayer.topicPrefix)\(Topics.deadLetter.name)"
                                                       : "--id \(id) names \(matches.count) dead letters; give more of the id")
                    }
                    if !again, let last = inventory.replays[entry.id]?.last {
                        refused.append(DeadLetterReplayer.Refusal.alreadyReplayed(id: entry.id, by: last.replayedBy, at: last.replayedAt).description)
                        continue
                    }
                    if !chosen.contains(where: { $0.id == entry.id }) { chosen.append(entry) }
                }
            }

            let who = replayedBy ?? DeadLetterReplayer.currentOperator()
            if dryRun {
                var ok: [DeadLetterReader.Entry] = []
                for entry in chosen {
                    if case .failure(let refusal) = DeadLetterReplayer.record(for: entry, by: who, at: Date()) {
                        refused.append(refusal.description)
                    } else {
                        ok.append(entry)
                    }
                }
                print(DeadLetters.table(ok, replays: inventory.replays))
                print("dry run: \(ok.count) would be replayed by \(who); nothing published")
            } else {
                let outcome = try await CLIError.wrap("replay (broker \(config.brokers))") {
                    try await replayer.replay(chosen, by: who, reason: reason)
                }
                refused += outcome.refused.map(\.description)
                for r in outcome.replayed {
                    print("replayed \(r.deadLetterId) -> \(r.sourceTopic) (key \(r.key ?? "none"), \(r.valueSize) bytes, sha256 \(r.valueSha256.prefix(12)))")
                }
                print("\(outcome.replayed.count) replayed by \(who); recorded on \(replayer.replaysTopic)")
            }
            for line in refused { Output.note("refused: \(line)") }
            if !refused.isEmpty { throw CLIError("\(refused.count) dead letters were not replayed (see above)") }
        }
    }

    static func oldestFirst(_ entries: [DeadLetterReader.Entry]) -> [DeadLetterReader.Entry] {
        entries.sorted { ($0.letter.deadLetteredAt, $0.partition, $0.offset) < ($1.letter.deadLetteredAt, $1.partition, $1.offset) }
    }

    static func report(_ inventory: DeadLetterReplayer.Inventory) {
        for bad in inventory.unreadable {
            Output.note("record [\(bad.partition)]@\(bad.offset) is not readable: \(bad.error)")
        }
        if !inventory.complete { Output.note("stopped before the end of the topic (timeout); the list may be incomplete") }
    }

    static func table(_ entries: [DeadLetterReader.Entry], replays: [String: [DeadLetterReplayed]] = [:]) -> String {
        if entries.isEmpty { return "no dead letters" }
        var table = TextTable("ID", "DEAD-LETTERED AT", "SERVICE", "SOURCE TOPIC", "PARTITION/OFFSET", "REPLAYED", "ERROR")
        for e in entries {
            let l = e.letter
            let replayed = replays[e.id]?.last.map { "\($0.replayedBy) \(WireJSON.format($0.replayedAt))" }
                ?? (l.originalValueTruncated == true ? "truncated" : "-")
            table.add(String(e.id.prefix(8)), WireJSON.format(l.deadLetteredAt), l.service, l.sourceTopic,
                      "\(l.sourcePartition)/\(l.sourceOffset)", replayed, l.error)
        }
        return table.render() + "\n\(entries.count) dead letters"
    }
}
