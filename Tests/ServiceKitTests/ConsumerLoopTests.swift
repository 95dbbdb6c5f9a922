import Contracts
import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceKit
import ServiceLifecycle
import Testing
import TestSupport

/// A handler that records client ids in a table and fails, every time, on one of them.
struct RecordingHandler: MessageHandler {
    let poison: String

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        guard case .clientUpserted(let e) = message else { return }
        if e.payload.clientId == poison { throw PoisonError() }
        try await context.connection.query("INSERT INTO seen (client_id) VALUES (\(e.payload.clientId))", logger: context.logger)
    }

    struct PoisonError: PermanentFailure, CustomStringConvertible { var description: String { "this client always fails" } }
}

/// A handler whose first `failures` attempts fail the way a dropped connection does.
final class FlakyHandler: MessageHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private(set) var attempts = 0

    init(failures: Int) { remaining = failures }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        guard case .clientUpserted(let e) = message else { return }
        let fail = lock.withLock { () -> Bool in
            attempts += 1
            defer { remaining -= 1 }
            return remaining > 0
        }
        if fail { throw ConnectionLost() }
        try await context.connection.query("INSERT INTO seen (client_id) VALUES (\(e.payload.clientId))", logger: context.logger)
    }

    struct ConnectionLost: Error {}
}

@Suite("Consumer loop, inbox and outbox against the real broker and PostgreSQL", .enabled(if: TestStack.isAvailable))
struct ConsumerLoopTests {
    @Test("a handler that fails transiently five times, then works: no dead letter, one effect, offsets move on, readiness recovers")
    func transientFailuresAreRetried() async throws {
        let prefix = TestStack.unique("flaky") + "."
        let admin = try TestStack.admin()
        try await admin.createTopics([prefix + Topics.erpClients.name, prefix + Topics.deadLetter.name], partitions: 1)
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let setup = try await urls["svc"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([Migration(100, "seen", ["CREATE TABLE seen (client_id text)"])], schema: "svc",
                                     on: setup, logger: TestStack.logger)
        try await setup.close()

        let postgres = PostgresClient(configuration: urls["svc"]!.clientConfiguration, backgroundLogger: TestStack.logger)
        let metrics = PlatformMetrics()
        let relay = OutboxRelay(postgres: postgres, producer: try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger),
                                metrics: metrics, logger: TestStack.logger, topicPrefix: prefix)
        let consumer = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: prefix + "svc",
                                         topics: [prefix + Topics.erpClients.name], logger: TestStack.logger)
        let handler = FlakyHandler(failures: 5)
        let loop = ConsumerLoop(consumer: consumer, postgres: postgres, handler: handler, serviceName: "svc",
                                calendar: .moscow, batchSize: 100, metrics: metrics, relay: relay, logger: TestStack.logger,
                                topicPrefix: prefix, backoff: Backoff(first: .milliseconds(50), cap: .milliseconds(400)))
        let erp = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        let client = ClientUpserted(clientId: "C-9", name: "C-9", taxId: "1", kamId: "kam", segment: .other, tier: .c,
                                    status: .active, contract: nil)
        try await erp.send([ProducerRecord(topic: prefix + Topics.erpClients.name, key: "C-9",
                                           value: try Envelope(occurredAt: Date(), payload: client).jsonBytes())])
        await erp.close()

        let letters = try TopicReader(topics: [prefix + Topics.deadLetter.name])
        let group = ServiceGroup(configuration: .init(services: [postgres, relay, loop], logger: TestStack.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let sawProblem = try await TestStack.eventually(timeout: .seconds(30), every: .milliseconds(20)) {
                loop.health.problem(grace: .zero) != nil
            }
            #expect(sawProblem, "the loop reports the failure while it retries")
            let handled = try await TestStack.eventually(timeout: .seconds(30)) {
                try await postgres.query("SELECT count(*) FROM seen", logger: TestStack.logger).collect().first?.decode(Int.self) == 1
            }
            #expect(handled)
            #expect(handler.attempts == 6)
            #expect(loop.health.problem(grace: .zero) == nil)
            let committed = try await TestStack.eventually {
                try await admin.committedOffsets(group: prefix + "svc", partitions: [TopicPartition(prefix + Topics.erpClients.name, 0)])
                    .values.first == 1
            }
            #expect(committed)
            #expect(try await letters.drain(quiet: .seconds(2)).isEmpty, "nothing dead-lettered")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        await letters.close()
    }

    @Test("a message that always fails is dead-lettered with the error; the others are handled once; nothing stalls")
    func poisonMessage() async throws {
        let prefix = TestStack.unique("loop") + "."
        let admin = try TestStack.admin()
        try await admin.createTopics([prefix + Topics.erpClients.name, prefix + Topics.deadLetter.name], partitions: 1)
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let setup = try await urls["svc"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([Migration(100, "seen", ["CREATE TABLE seen (client_id text)"])], schema: "svc",
                                     on: setup, logger: TestStack.logger)
        try await setup.close()

        let postgres = PostgresClient(configuration: urls["svc"]!.clientConfiguration, backgroundLogger: TestStack.logger)
        let metrics = PlatformMetrics()
        let relay = OutboxRelay(postgres: postgres, producer: try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger),
                                metrics: metrics, logger: TestStack.logger, topicPrefix: prefix)
        let consumer = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: prefix + "svc",
                                         topics: [prefix + Topics.erpClients.name], logger: TestStack.logger)
        let loop = ConsumerLoop(consumer: consumer, postgres: postgres, handler: RecordingHandler(poison: "C-2"), serviceName: "svc",
                                calendar: .moscow, batchSize: 100, metrics: metrics, relay: relay, logger: TestStack.logger,
                                topicPrefix: prefix)

        let erp = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        let clients = ["C-1", "C-2", "C-3"].map {
            ClientUpserted(clientId: $0, name: $0, taxId: "1", kamId: "kam", segment: .other, tier: .c, status: .active, contract: nil)
        }
        let first = try Envelope(occurredAt: Date(), payload: clients[0]).jsonBytes()
        var values = [first, first]  // a redelivery of the same message
        values += try clients.dropFirst().map { try Envelope(occurredAt: Date(), payload: $0).jsonBytes() }
        try await erp.send(values.map { ProducerRecord(topic: prefix + Topics.erpClients.name, key: "k", value: $0) })
        await erp.close()

        let reader = try TopicReader(topics: [prefix + Topics.deadLetter.name])
        let group = ServiceGroup(configuration: .init(services: [postgres, relay, loop], logger: TestStack.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let letters = try await reader.read(atLeast: 1, timeout: .seconds(60))
            let seen = try await postgres.query("SELECT client_id FROM seen ORDER BY client_id", logger: TestStack.logger)
                .collect().map { try $0.decode(String.self) }
            #expect(seen == ["C-1", "C-3"])
            #expect(letters.count == 1)
            if case .deadLetter(let e) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: letters[0].value) {
                #expect(e.payload.error == "processing failed: this client always fails")
                #expect(e.payload.originalValueBytes == values[2])
                #expect(e.payload.sourceOffset == 2)
            } else {
                Issue.record("not a dead letter")
            }
            let committed = try await TestStack.eventually {
                try await admin.committedOffsets(group: prefix + "svc", partitions: [TopicPartition(prefix + Topics.erpClients.name, 0)])
                    .values.first == 4
            }
            #expect(committed, "offsets stored after processing all four records")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        await reader.close()
    }
}
