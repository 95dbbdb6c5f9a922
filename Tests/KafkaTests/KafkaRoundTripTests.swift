import Foundation
import Kafka
import Testing
import TestSupport

@Suite("Kafka layer against the real broker", .enabled(if: TestStack.isAvailable))
struct KafkaRoundTripTests {
    let admin: KafkaAdmin

    init() throws {
        admin = try TestStack.admin()
    }

    private func freshTopic(partitions: Int32 = 3) async throws -> String {
        let topic = TestStack.unique("t")
        try await admin.createTopics([topic], partitions: partitions)
        return topic
    }

    private func records(_ topic: String, _ range: Range<Int>) -> [ProducerRecord] {
        range.map { i in
            ProducerRecord(topic: topic, key: "client-\(i % 5)", value: Array("message-\(i)".utf8),
                           headers: [("traceparent", Array("00-trace-\(i)-01".utf8))])
        }
    }

    @Test("produce awaits delivery; consume returns every record once with key, value and headers")
    func produceConsume() async throws {
        let topic = try await freshTopic()
        #expect(try await admin.listTopics()[topic] == 3)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        try await producer.send(records(topic, 0..<300))
        await producer.close()

        let reader = try TopicReader(topics: [topic])
        let got = try await reader.read(atLeast: 300)
        await reader.close()
        #expect(got.count == 300)
        #expect(Set(got.map { String(decoding: $0.value, as: UTF8.self) }) == Set((0..<300).map { "message-\($0)" }))
        let first = try #require(got.first { String(decoding: $0.value, as: UTF8.self) == "message-7" })
        #expect(first.keyString == "client-2")
        #expect(first.header("traceparent") == Array("00-trace-7-01".utf8))
        // One client's records stay in order within their partition.
        let client2 = got.filter { $0.keyString == "client-2" }.map { Int(String(decoding: $0.value, as: UTF8.self).dropFirst(8))! }
        #expect(client2 == client2.sorted())
        #expect(Set(got.filter { $0.keyString == "client-2" }.map(\.partition)).count == 1)
    }

    @Test("a producer error is surfaced, not swallowed")
    func deliveryError() async throws {
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(["message.max.bytes": "1000"]), logger: TestStack.logger)
        let topic = try await freshTopic(partitions: 1)
        await #expect(throws: KafkaError.self) {
            try await producer.send([ProducerRecord(topic: topic, key: "k", value: Array(repeating: 65, count: 5000))])
        }
        await producer.close()
    }

    @Test("only stored offsets are committed: a new member resumes after the last processed record")
    func offsetsAfterProcessing() async throws {
        let topic = try await freshTopic(partitions: 1)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        try await producer.send(records(topic, 0..<10))
        await producer.close()
        let group = TestStack.unique("g")

        let first = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        var seen: [ConsumerRecord] = []
        while seen.count < 10 { seen += try await first.poll(maxRecords: 100, timeout: .milliseconds(500)) }
        // Processed the first four only, then the process stops cleanly.
        await first.storeOffsets(for: Array(seen.prefix(4)))
        await first.close()

        let committed = try await admin.committedOffsets(group: group, partitions: [TopicPartition(topic, 0)])
        #expect(committed[TopicPartition(topic, 0)] == 4)

        let second = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        var again: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while again.count < 6 && ContinuousClock.now < deadline {
            again += try await second.poll(maxRecords: 100, timeout: .milliseconds(500))
        }
        #expect(again.map(\.offset) == Array(4..<10))
        await second.storeOffsets(for: again)
        try await second.commit()
        #expect(second.isAssigned)
        await second.close()
        #expect(try await admin.listGroups().contains(group))
    }

    @Test("a member that stops before storing offsets has its records redelivered")
    func redeliveryWithoutCommit() async throws {
        let topic = try await freshTopic(partitions: 2)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        try await producer.send(records(topic, 0..<20))
        await producer.close()
        let group = TestStack.unique("g")
        let crashed = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        var seen: [ConsumerRecord] = []
        while seen.count < 20 { seen += try await crashed.poll(maxRecords: 100, timeout: .milliseconds(500)) }
        await crashed.close()  // nothing stored: as if it died mid-batch

        let next = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        var again: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while again.count < 20 && ContinuousClock.now < deadline {
            again += try await next.poll(maxRecords: 100, timeout: .milliseconds(500))
        }
        await next.close()
        #expect(again.count == 20)
    }

    @Test("pause stops delivery from a partition until resume")
    func pauseResume() async throws {
        let topic = try await freshTopic(partitions: 1)
        let group = TestStack.unique("g")
        let consumer = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        try await producer.send(records(topic, 0..<3))
        var got: [ConsumerRecord] = []
        while got.count < 3 { got += try await consumer.poll(maxRecords: 10, timeout: .milliseconds(500)) }
        try await consumer.pause([TopicPartition(topic, 0)])
        try await producer.send(records(topic, 3..<6))
        var whilePaused: [ConsumerRecord] = []
        for _ in 0..<5 { whilePaused += try await consumer.poll(maxRecords: 10, timeout: .milliseconds(200)) }
        #expect(whilePaused.isEmpty)
        try await consumer.resume([TopicPartition(topic, 0)])
        var after: [ConsumerRecord] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while after.count < 3 && ContinuousClock.now < deadline {
            after += try await consumer.poll(maxRecords: 10, timeout: .milliseconds(300))
        }
        #expect(after.map(\.offset) == [3, 4, 5])
        await producer.close()
        await consumer.close()
    }

    @Test("group lag: committed offset against the end offset a fetch reports")
    func groupLag() async throws {
        let topic = try await freshTopic(partitions: 1)
        let producer = try KafkaProducer(config: TestStack.kafkaConfig(), logger: TestStack.logger)
        // One send = one batch of several records: the case where ListOffsets can be wrong.
        try await producer.send(records(topic, 0..<7))
        let group = TestStack.unique("g")
        let consumer = try KafkaConsumer(config: TestStack.kafkaConfig(), groupId: group, topics: [topic], logger: TestStack.logger)
        var got: [ConsumerRecord] = []
        while got.count < 7 { got += try await consumer.poll(maxRecords: 10, timeout: .milliseconds(500)) }
        await consumer.storeOffsets(for: Array(got.prefix(2)))
        try await consumer.commit()
        let lag = try await admin.groupLag(group: group, topics: [topic: 1])
        #expect(lag == [GroupPartitionLag(group: group, topic: topic, partition: 0, committedOffset: 2, endOffset: 7, lag: 5)])
        // librdkafka's statistics report the same lag to the service's /metrics.
        let fromStats = try await TestStack.eventually(timeout: .seconds(10)) {
            _ = try await consumer.poll(maxRecords: 1, timeout: .milliseconds(100))
            return consumer.lag.contains { $0.topic == topic && $0.lag == 5 }
        }
        #expect(fromStats)
        await consumer.close()
        await producer.close()
    }
}
