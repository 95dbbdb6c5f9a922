import ArgumentParser
import Contracts
import Kafka

/// `kamctl topics`: the platform's topics from the registry in Contracts.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create or list the platform's Kafka topics.",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create every topic of the registry that does not exist yet (idempotent).")

        @OptionGroup var kafka: KafkaOptions

        @Option(help: "Partitions for new topics; existing topics are left as they are.")
        var partitions: Int32 = 6

        func validate() throws {
            if partitions < 1 { throw ValidationError("--partitions must be at least 1") }
        }

        func run() async throws {
            let config = try kafka.clientConfig()
            let names = Topics.all.map(\.name)
            let before = try await CLIError.wrap("create topics (broker \(config.brokers))") {
                let admin = try KafkaAdmin(config: config)
                let existing = try await admin.listTopics()
                try await admin.createTopics(names, partitions: partitions)
                return existing
            }
            let created = names.filter { before[$0] == nil }
            print("topics: \(created.count) created, \(names.count - created.count) already present")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the broker's topics and partition counts.")

        @OptionGroup var kafka: KafkaOptions

        func run() async throws {
            let config = try kafka.clientConfig()
            let topics = try await CLIError.wrap("list topics (broker \(config.brokers))") { try await KafkaAdmin(config: config).listTopics() }
            var table = TextTable("TOPIC", "PARTITIONS", "REGISTRY")
            for (name, count) in topics.sorted(by: { $0.key < $1.key }) {
                table.add(name, "\(count)", Topics.spec(named: name) == nil ? "-" : "yes")
            }
            // Registry topics the broker lacks are the ones `topics create` would make.
            for spec in Topics.all where topics[spec.name] == nil {
                table.add(spec.name, "missing", "yes")
            }
            print(table.render())
        }
    }
}
