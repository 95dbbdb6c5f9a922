import CRdKafka
import Foundation
import Logging

/// Topic and group administration, and the offsets `kamctl lag` reads.
public final class KafkaAdmin: @unchecked Sendable {
    private let handle: OpaquePointer
    private let config: KafkaClientConfig
    private let blocking = BlockingQueue(label: "kafka.admin")
    private let timeoutMs: Int32 = 10_000

    public init(config: KafkaClientConfig) throws {
        self.config = config.forConsumer()
        handle = try makeHandle(type: RD_KAFKA_PRODUCER, conf: try config.forProducer().makeNative())
    }

    // Destroying a client waits for its threads: never on whatever thread let go of it last
    // (possibly one of Swift's cooperative pool).
    deinit {
        let box = RdHandle(handle)
        DispatchQueue.global().async { rd_kafka_destroy(box.raw) }
    }

    /// Creates the topics that do not exist yet; existing ones are left as they are.
    public func createTopics(_ topics: [String], partitions: Int32, replicationFactor: Int32 = 1) async throws {
        let existing = try await listTopics()
        let missing = topics.filter { existing[$0] == nil }
        if missing.isEmpty { return }
        let box = RdHandle(self.handle)
        let timeoutMs = self.timeoutMs
        try await blocking.run {
            let handle = box.raw
            var errstr = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
            for name in missing {
                guard let t = rd_kafka_NewTopic_new(name, partitions, replicationFactor, &errstr, errstr.count) else {
                    throw KafkaError(message: "topic \(name): \(String(errorBuffer: errstr))")
                }
                newTopics.append(t)
            }
            let queue = rd_kafka_queue_new(handle)
            defer { rd_kafka_queue_destroy(queue) }
            let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errstr, errstr.count)
            newTopics.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_CreateTopics(handle, buffer.baseAddress, buffer.count, options, queue)
            }
            guard let event = rd_kafka_queue_poll(queue, timeoutMs + 2000) else {
                throw KafkaError(message: "create topics: no answer within \(timeoutMs) ms")
            }
            defer { rd_kafka_event_destroy(event) }
            if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(rd_kafka_event_error(event), context: "create topics")
            }
            let result = rd_kafka_event_CreateTopics_result(event)
            var count = 0
            guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
            for i in 0..<count {
                let err = rd_kafka_topic_result_error(results[i])
                if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                    let name = String(cString: rd_kafka_topic_result_name(results[i]))
                    throw KafkaError(err, context: "create topic \(name)")
                }
            }
        }
    }

    /// All topics and their partition counts. Lists everything rather than naming a topic,
    /// since some brokers create a topic that a metadata request names.
    public func listTopics() async throws -> [String: Int32] {
        let box = RdHandle(self.handle)
        let timeoutMs = self.timeoutMs
        return try await blocking.run {
            let handle = box.raw
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(handle, 1, nil, &metadata, timeoutMs)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let md = metadata else {
                throw KafkaError(err, context: "list topics")
            }
            defer { rd_kafka_metadata_destroy(md) }
            var result: [String: Int32] = [:]
            for i in 0..<Int(md.pointee.topic_cnt) {
                let t = md.pointee.topics[i]
                result[String(cString: t.topic)] = t.partition_cnt
            }
            return result
        }
    }

    public func listGroups() async throws -> [String] {
        let box = RdHandle(self.handle)
        let timeoutMs = self.timeoutMs
        return try await blocking.run {
            let handle = box.raw
            var list: UnsafePointer<rd_kafka_group_list>?
            let err = rd_kafka_list_groups(handle, nil, &list, timeoutMs)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let groups = list else {
                throw KafkaError(err, context: "list groups")
            }
            defer { rd_kafka_group_list_destroy(groups) }
            return (0..<Int(groups.pointee.group_cnt)).map { String(cString: groups.pointee.groups[$0].group) }.sorted()
        }
    }

    /// The topics a group's live members subscribe to (empty when it has no members),
    /// from the subscription each member sent when it joined.
    public func subscribedTopics(group: String) async throws -> Set<String> {
        let box = RdHandle(self.handle)
        let timeoutMs = self.timeoutMs
        return try await blocking.run {
            var list: UnsafePointer<rd_kafka_group_list>?
            let err = rd_kafka_list_groups(box.raw, group, &list, timeoutMs)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let groups = list else {
                throw KafkaError(err, context: "describe group \(group)")
            }
            defer { rd_kafka_group_list_destroy(groups) }
            var topics = Set<String>()
            for g in 0..<Int(groups.pointee.group_cnt) {
                let info = groups.pointee.groups[g]
                for m in 0..<Int(info.member_cnt) {
                    let member = info.members[m]
                    guard let bytes = member.member_metadata, member.member_metadata_size > 0 else { continue }
                    topics.formUnion(ConsumerSubscription.topics(
                        Array(UnsafeRawBufferPointer(start: bytes, count: Int(member.member_metadata_size)))))
                }
            }
            return topics
        }
    }

    /// The group's committed offsets (-1 where it has none), read without joining the group.
    public func committedOffsets(group: String, partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        var cfg = config
        cfg["group.id"] = group
        cfg["enable.auto.commit"] = "false"
        let box = RdHandle(try makeHandle(type: RD_KAFKA_CONSUMER, conf: try cfg.makeNative()))
        let timeoutMs = self.timeoutMs
        return try await blocking.run {
            let handle = box.raw
            defer { rd_kafka_destroy(handle) }
            let list = NativeLists.make(partitions.map { ($0, nil) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let err = rd_kafka_committed(handle, list, timeoutMs)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "committed offsets of \(group)") }
            var result: [TopicPartition: Int64] = [:]
            for (tp, offset, _) in NativeLists.read(list) { result[tp] = offset }
            return result
        }
    }

    /// End offsets (high watermarks) as fetch responses report them. A ListOffsets answer
    /// can be wrong on some brokers when the last batch holds several records, so this
    /// fetches from `from` (or the start) and reads the watermark the fetch returned.
    public func endOffsets(_ partitions: [TopicPartition], from: [TopicPartition: Int64] = [:]) async throws -> [TopicPartition: Int64] {
        try await watermarks(partitions, from: from).mapValues(\.high)
    }

    /// Low and high watermarks of each partition, read from fetch responses (see `endOffsets`).
    public func watermarks(_ partitions: [TopicPartition], from: [TopicPartition: Int64] = [:]) async throws
        -> [TopicPartition: (low: Int64, high: Int64)] {
        if partitions.isEmpty { return [:] }
        var cfg = config
        cfg["group.id"] = "kam-watermarks-\(UUID().uuidString.prefix(8))"
        cfg["enable.auto.commit"] = "false"
        cfg["enable.partition.eof"] = "true"
        cfg["fetch.max.bytes"] = "1048576"
        cfg["max.partition.fetch.bytes"] = "65536"
        cfg["fetch.wait.max.ms"] = cfg["fetch.wait.max.ms"] ?? "10"
        cfg["auto.offset.reset"] = "earliest"
        let box = RdHandle(try makeHandle(type: RD_KAFKA_CONSUMER, conf: try cfg.makeNative()))
        let timeoutMs = self.timeoutMs
        return try await blocking.run {
            let handle = box.raw
            defer {
                rd_kafka_consumer_close(handle)
                rd_kafka_destroy(handle)
            }
            rd_kafka_poll_set_consumer(handle)
            // Uncommitted partitions are read from their start (OFFSET_BEGINNING).
            let list = NativeLists.make(partitions.map { ($0, (from[$0] ?? -1) >= 0 ? from[$0]! : -2) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let err = rd_kafka_assign(handle, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "assign for watermarks") }
            var pending = Set(partitions)
            let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
            while !pending.isEmpty && Date() < deadline {
                guard let message = rd_kafka_consumer_poll(handle, 100) else { continue }
                let m = message.pointee
                if m.rkt != nil, m.err == RD_KAFKA_RESP_ERR_NO_ERROR || m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                    pending.remove(TopicPartition(String(cString: rd_kafka_topic_name(m.rkt)), m.partition))
                }
                rd_kafka_message_destroy(message)
            }
            if !pending.isEmpty {
                throw KafkaError(message: "no fetch answer for \(pending.sorted().map(\.description).joined(separator: ", "))")
            }
            var result: [TopicPartition: (low: Int64, high: Int64)] = [:]
            for tp in partitions {
                var low: Int64 = -1
                var high: Int64 = -1
                _ = rd_kafka_get_watermark_offsets(handle, tp.topic, tp.partition, &low, &high)
                result[tp] = (low, high)
            }
            return result
        }
    }

    /// Lag of every partition a group reads: what `kamctl lag` prints. The group reads the
    /// topics its live members subscribe to and those it ever committed on. A partition
    /// without a committed offset counts from the log start (committedOffset −1): those
    /// records are waiting too.
    public func groupLag(group: String, topics: [String: Int32]) async throws -> [GroupPartitionLag] {
        let all = topics.flatMap { t in (0..<t.value).map { TopicPartition(t.key, $0) } }.sorted()
        let allCommitted = try await committedOffsets(group: group, partitions: all)
        var read = try await subscribedTopics(group: group)
        read.formUnion(allCommitted.filter { $0.value >= 0 }.map(\.key.topic))
        let partitions = all.filter { read.contains($0.topic) }
        let committed = allCommitted.filter { read.contains($0.key.topic) }
        let marks = try await watermarks(partitions, from: committed)
        return partitions.map { tp in
            let c = committed[tp] ?? -1
            let (low, high) = marks[tp] ?? (-1, -1)
            let lag = c >= 0 ? max(high - c, 0) : max(high - max(low, 0), 0)
            return GroupPartitionLag(group: group, topic: tp.topic, partition: tp.partition,
                                     committedOffset: c, endOffset: high, lag: lag)
        }
    }
}

public struct GroupPartitionLag: Sendable, Codable, Hashable {
    public let group: String
    public let topic: String
    public let partition: Int32
    public let committedOffset: Int64
    public let endOffset: Int64
    public let lag: Int64

    public init(group: String, topic: String, partition: Int32, committedOffset: Int64, endOffset: Int64, lag: Int64) {
        self.group = group
        self.topic = topic
        self.partition = partition
        self.committedOffset = committedOffset
        self.endOffset = endOffset
        self.lag = lag
    }
}
