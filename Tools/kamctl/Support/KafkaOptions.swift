import ArgumentParser
import Kafka

/// Where the broker is, shared by every Kafka subcommand.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: "Broker list host:port[,host:port] (default: $KAFKA_BOOTSTRAP_SERVERS, then .run/stack.env).")
    var bootstrap: String?

    func clientConfig() throws -> KafkaClientConfig {
        do { try LibRdKafka.requireSupportedVersion() } catch { throw CLIError(CLIError.oneLine(error)) }
        guard let servers = bootstrap ?? StackEnv.load().value("KAFKA_BOOTSTRAP_SERVERS") else {
            throw CLIError("no broker address: pass --bootstrap, set KAFKA_BOOTSTRAP_SERVERS, or run `make up` (writes .run/stack.env)")
        }
        return KafkaClientConfig(bootstrapServers: servers, [
            "client.id": "kamctl",
            // The local broker holds every fetch for the full wait (DESIGN §3); keep it short.
            "fetch.wait.max.ms": "10",
            // librdkafka logs each failed connect to stderr; the one-line error says it once.
            "log_level": "2",
        ])
    }
}

extension KafkaClientConfig {
    /// Named in errors, since an unreachable broker is the most common one.
    var brokers: String { self["bootstrap.servers"] ?? "?" }
}
