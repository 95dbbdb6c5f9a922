import Foundation
import Kafka

/// The broker's raw rate, measured in the same run as the platform: N records of a given
/// size to a throwaway topic with one producer, then read back with one consumer.
enum BrokerRate {
    static let groupPrefix = "kamctl-bench-raw-"

    struct Result {
        let records: Int
        let bytes: Int
        let produce: Duration
        let consumeJoin: Duration
        let consume: Duration
        let consumed: Int
    }

    static func measure(config: KafkaClientConfig, records count: Int, size: Int, suffix: String) async throws -> Result {
        let topic = "kamctl.bench-raw.\(suffix.lowercased())"
        try await KafkaAdmin(config: config).createTopics([topic], partitions: 6)
        let values = (0..<count).map { value(index: $0, size: size) }
        var producerConfig = config
        producerConfig["client.id"] = "kamctl-bench-raw"
        producerConfig["linger.ms"] = "5"
        let producer = try KafkaProducer(config: producerConfig, logger: Output.logger("bench-raw"))
        let records = values.enumerated().map { ProducerRecord(topic: topic, key: "C-\($0.offset % 200)", value: $0.element) }
        let produceStart = ContinuousClock.now
        do {
            try await producer.send(records)
        } catch {
            await producer.close()
            throw error
        }
        let produce = ContinuousClock.now - produceStart
        await producer.close()

        var consumerConfig = config
        consumerConfig["enable.auto.commit"] = "false"
        consumerConfig["auto.offset.reset"] = "earliest"
        consumerConfig["session.timeout.ms"] = "6000"
        consumerConfig["statistics.interval.ms"] = "600000"
        let consumer = try KafkaConsumer(config: consumerConfig, groupId: groupPrefix + suffix.lowercased(),
                                         topics: [topic], logger: Output.logger("bench-raw"))
        let joinStart = ContinuousClock.now
        var first: ContinuousClock.Instant?
        var last = joinStart
        var consumed = 0
        let deadline = joinStart + .seconds(180)
        do {
            while consumed < count && ContinuousClock.now < deadline {
                let batch = try await consumer.poll(maxRecords: 10_000, timeout: .milliseconds(100))
                if batch.isEmpty { continue }
                let now = ContinuousClock.now
                if first == nil { first = now }
                consumed += batch.count
                last = now
            }
        } catch {
            await consumer.close()
            throw error
        }
        await consumer.close()
        let start = first ?? joinStart
        return Result(records: count, bytes: count * size, produce: produce, consumeJoin: start - joinStart,
                      consume: last - start, consumed: consumed)
    }

    /// A JSON value of exactly `size` bytes (at least 64), distinct per index.
    static func value(index: Int, size: Int) -> [UInt8] {
        let head = "{\"messageId\":\"bench-\(index)\",\"type\":\"BenchRecord\",\"schemaVersion\":1,\"payload\":{\"pad\":\""
        let tail = "\"}}"
        let pad = max(0, size - head.utf8.count - tail.utf8.count)
        return Array((head + String(repeating: "x", count: pad) + tail).utf8)
    }

    static func perSecond(_ n: Int, _ d: Duration) -> Double {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s > 0 ? Double(n) / s : 0
    }
}
