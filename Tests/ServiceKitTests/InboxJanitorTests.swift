import PostgresNIO
import ServiceKit
import Testing
import TestSupport

@Suite("Inbox retention against PostgreSQL", .enabled(if: TestStack.isAvailable))
struct InboxJanitorTests {
    @Test("rows older than the retention are purged in batches; newer ones stay")
    func purge() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let setup = try await urls["svc"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([], schema: "svc", on: setup, logger: TestStack.logger)
        try await setup.query("""
            INSERT INTO inbox (consumer, message_id, processed_at)
            SELECT 'g', 'old-' || i, now() - interval '31 days' FROM generate_series(1, 12000) i
            UNION ALL SELECT 'g', 'new-' || i, now() - interval '29 days' FROM generate_series(1, 7) i
            """, logger: TestStack.logger)
        try await setup.close()

        let postgres = PostgresClient(configuration: urls["svc"]!.clientConfiguration, backgroundLogger: TestStack.logger)
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
}
