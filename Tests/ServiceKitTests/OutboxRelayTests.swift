import Contracts
import Foundation
import Kafka
import PostgresNIO
import ServiceKit
import Testing
import TestSupport

@Suite("Outbox relay against the real broker and PostgreSQL", .enabled(if: TestStack.isAvailable))
struct OutboxRelayTests {
    @Test("a row the broker refuses for good moves to outbox_refused; the rows around it go out once, in order, and are never sent again")
    func refusedRowDoesNotBlock() async throws {
        let prefix = TestStack.unique("relay") + "."
        let topic = Topics.orderDecisions.name
        try await TestStack.admin().createTopics([prefix + topic], partitions: 1)
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let setup = try await urls["svc"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([], schema: "svc", on: setup, logger: TestStack.logger)
        let values = ["a", "b", String(repeating: "x", count: 5_000), "c", "d"]
        for value in values {
            try await setup.query("INSERT INTO outbox (topic, key, value) VALUES (\(topic), 'k', \(value))", logger: TestStack.logger)
        }
        try await setup.close()

        let postgres = PostgresClient(configuration: urls["svc"]!.clientConfiguration, backgroundLogger: TestStack.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await postgres.run() }
            // This producer takes nothing above 2,000 bytes: the third row can never be sent.
            let producer = try KafkaProducer(config: TestStack.kafkaConfig(["message.max.bytes": "2000"]), logger: TestStack.logger)
            let relay = OutboxRelay(postgres: postgres, producer: producer, metrics: PlatformMetrics(), logger: TestStack.logger,
                                    topicPrefix: prefix)
            #expect(try await relay.publishBatch() == 4)
            #expect(try await relay.publishBatch() == 0)
            let left = try await postgres.query("SELECT count(*) FROM outbox", logger: TestStack.logger).collect().first?.decode(Int.self)
            #expect(left == 0)
            let refused = try await postgres.query("SELECT value, error FROM outbox_refused", logger: TestStack.logger)
                .collect().map { try $0.decode((String, String).self) }
            #expect(refused.map(\.0) == [values[2]])
            #expect(refused.first?.1.contains("too large") == true, "\(refused)")

            let reader = try TopicReader(topics: [prefix + topic])
            _ = try await reader.read(atLeast: 4)
            let got = try await reader.drain(quiet: .seconds(2))
            #expect(got.map { String(decoding: $0.value, as: UTF8.self) } == ["a", "b", "c", "d"])
            await reader.close()
            await producer.close()
            tasks.cancelAll()
        }
    }
}
