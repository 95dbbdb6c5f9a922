import Logging
import PostgresNIO
import ServiceKit
import ServiceLifecycle
import Testing
import TestSupport

@Suite("Inbox retention against PostgreSQL", .enabled(if: TestStack.isAvailable))
struct InboxJanitorTests {
    @Test("rows older than the retention are purged in batches; newer ones stay")
    func purge() async throws {
        let postgres = try await Self.inbox(old: 12_000, new: 7)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await postgres.run() }
            let janitor = InboxJanitor(postgres: postgres, retentionDays: 30, logger: TestStack.logger)
            #expect(try await janitor.purge() == 12_000)
            let left = try await postgres.query("SELECT message_id FROM inbox ORDER BY message_id", logger: TestStack.logger)
                .collect().map { try $0.decode(String.self) }
            #expect(left == (1...7).map { "new-\($0)" })
            tasks.cancelAll()
        }
    }

    @Test("in a service group, the janitor purges at start and then leaves at once on graceful shutdown, not after its hour's sleep")
    func leavesOnShutdown() async throws {
        let postgres = try await Self.inbox(old: 3, new: 0)
        let janitor = InboxJanitor(postgres: postgres, retentionDays: 30, interval: .seconds(3600), logger: TestStack.logger)
        var configuration = ServiceGroupConfiguration(services: [.init(service: postgres), .init(service: janitor)],
                                                      logger: TestStack.logger)
        // Past this the group would cancel the janitor: ending cleanly within it is the point.
        configuration.maximumGracefulShutdownDuration = .seconds(60)
        let group = ServiceGroup(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let purged = try await TestStack.eventually(timeout: .seconds(30)) {
                try await postgres.query("SELECT count(*) FROM inbox", logger: TestStack.logger).collect().first?.decode(Int.self) == 0
            }
            #expect(purged)
            let asked = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.next()
            #expect(ContinuousClock.now - asked < .seconds(10), "the janitor held the shutdown up")
        }
    }

    /// A migrated schema whose inbox holds `old` rows past the 30-day retention and `new`
    /// rows within it; a client for it, to be run by the caller.
    static func inbox(old: Int, new: Int) async throws -> PostgresClient {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let setup = try await urls["svc"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([], schema: "svc", on: setup, logger: TestStack.logger)
        try await setup.query("""
            INSERT INTO inbox (consumer, message_id, processed_at)
            SELECT 'g', 'old-' || i, now() - interval '31 days' FROM generate_series(1, \(old)::int) i
            UNION ALL SELECT 'g', 'new-' || i, now() - interval '29 days' FROM generate_series(1, \(new)::int) i
            """, logger: TestStack.logger)
        try await setup.close()
        return PostgresClient(configuration: urls["svc"]!.clientConfiguration, backgroundLogger: TestStack.logger)
    }
}
