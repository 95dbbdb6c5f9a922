import ArgumentParser

/// The operations CLI for the local stack and for ops (SPEC §7).
@main
struct KamCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kamctl",
        abstract: "Operations CLI for the key-account order-to-cash platform.",
        discussion: """
            Finds the broker from --bootstrap, KAFKA_BOOTSTRAP_SERVERS or .run/stack.env \
            (written by `make up`), and the JWT secret from KAM_JWT_SECRET or .run/stack.env.
            """,
        subcommands: [Lag.self, Token.self, TopicsCommand.self, DbCommand.self, Users.self, DeadLetters.self, Simulate.self, KamWeek.self,
                      Bench.self, AgeingBench.self]
    )
}
