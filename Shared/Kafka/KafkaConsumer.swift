import CRdKafka
import Foundation
import Logging

/// A consumer-group member. Offsets are stored only when the caller says a record is
/// processed (`enable.auto.offset.store=false`) and committed in the background
/// (`enable.auto.commit`), on rebalance and on close — so a crash replays, never skips.
///
/// Every call into librdkafka runs on one dedicated thread; rebalance and statistics
/// callbacks fire there too, during `poll`.
public final class KafkaConsumer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let blocking = BlockingQueue(label: "kafka.consumer")
    private let context: ConsumerContext
    private let lock = NSLock()
    private var closed = false
    public let groupId: String

    public init(config: KafkaClientConfig, groupId: String, topics: [String], logger: Logger) throws {
        var config = config.forConsumer()
        config["group.id"] = groupId
        config["enable.auto.offset.store"] = "false"
        config["enable.auto.commit"] = config["enable.auto.commit"] ?? "true"
        config["auto.commit.interval.ms"] = config["auto.commit.interval.ms"] ?? "1000"
        config["auto.offset.reset"] = config["auto.offset.reset"] ?? "earliest"
        config["statistics.interval.ms"] = config["statistics.interval.ms"] ?? "5000"
        let conf = try config.makeNative()
        let context = ConsumerContext(logger: logger)
        context.install(on: conf)
        rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
            guard let rk, let opaque else { return }
            Unmanaged<ConsumerContext>.fromOpaque(opaque).takeUnretainedValue()
                .rebalance(rk: rk, err: err, partitions: partitions)
        }
        rd_kafka_conf_set_stats_cb(conf) { _, json, length, opaque in
            guard let json, let opaque else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: json, count: length)
            Unmanaged<ConsumerContext>.fromOpaque(opaque).takeUnretainedValue()
                .statistics(Array(bytes))
            return 0
        }
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            guard let opaque else { return }
            let text = reason.map { String(cString: $0) } ?? ""
            Unmanaged<ConsumerContext>.fromOpaque(opaque).takeUnretainedValue()
                .logger.warning("kafka consumer error", metadata: ["code": "\(err)", "reason": "\(text)"])
        }
        let handle = try makeHandle(type: RD_KAFKA_CONSUMER, conf: conf)
        rd_kafka_poll_set_consumer(handle)
        let list = NativeLists.make(topics.map { (TopicPartition($0, RD_KAFKA_PARTITION_UA), nil) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let err = rd_kafka_subscribe(handle, list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            rd_kafka_destroy(handle)
            throw KafkaError(err, context: "subscribe to \(topics.joined(separator: ","))")
        }
        self.handle = handle
        self.context = context
        self.groupId = groupId
    }

    /// True once the group gave this member an assignment (possibly empty).
    public var isAssigned: Bool { context.snapshot().assigned }
    /// True while this member holds at least one partition.
    public var holdsPartitions: Bool { !context.snapshot().partitions.isEmpty }
    public var assignment: Set<TopicPartition> { context.snapshot().partitions }
    /// Latest per-partition lag from librdkafka's statistics.
    public var lag: [PartitionLag] { context.snapshot().lag }

    /// Waits up to `timeout` for the first record, then takes whatever else is already
    /// fetched, up to `maxRecords`.
    public func poll(maxRecords: Int, timeout: Duration) async throws -> [ConsumerRecord] {
        let box = RdHandle(self.handle)
        let context = self.context
        let timeoutMs = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return try await blocking.run {
            let handle = box.raw
            var records: [ConsumerRecord] = []
            var wait = timeoutMs
            while records.count < maxRecords {
                guard let message = rd_kafka_consumer_poll(handle, wait) else { break }
                defer { rd_kafka_message_destroy(message) }
                wait = 0
                let m = message.pointee
                if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { continue }
                if m.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    var errstr = [CChar](repeating: 0, count: 512)
                    let fatal = rd_kafka_fatal_error(handle, &errstr, errstr.count)
                    if fatal != RD_KAFKA_RESP_ERR_NO_ERROR {
                        throw KafkaError(fatal, context: "fatal consumer error: \(String(errorBuffer: errstr))")
                    }
                    context.logger.warning("kafka consume error", metadata: ["error": "\(String(cString: rd_kafka_err2str(m.err)))"])
                    continue
                }
                records.append(Self.copy(message))
            }
            return records
        }
    }

    private static func copy(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> ConsumerRecord {
        let m = message.pointee
        let topic = String(cString: rd_kafka_topic_name(m.rkt))
        let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        let key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var headers: [(String, [UInt8])] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePtr: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &valuePtr, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes = valuePtr.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append((name.map { String(cString: $0) } ?? "", bytes))
                index += 1
            }
        }
        return ConsumerRecord(topic: topic, partition: m.partition, offset: m.offset, key: key, value: value, headers: headers)
    }

    /// Marks records as processed: their next offsets are committed with the next commit.
    /// A partition revoked meanwhile refuses the store: its new owner replays the record,
    /// and the idempotent inbox makes that harmless — so refusals are logged, not thrown.
    public func storeOffsets(for records: [ConsumerRecord]) async {
        if records.isEmpty { return }
        var next: [TopicPartition: Int64] = [:]
        for r in records {
            let tp = TopicPartition(r.topic, r.partition)
            next[tp] = max(next[tp] ?? 0, r.offset + 1)
        }
        let entries = next.map { ($0.key, Optional($0.value)) }
        let box = RdHandle(self.handle)
        let refused = await blocking.run { () -> [String] in
            let list = NativeLists.make(entries)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            guard rd_kafka_offsets_store(box.raw, list) != RD_KAFKA_RESP_ERR_NO_ERROR else { return [] }
            return NativeLists.read(list).filter { $0.2 != RD_KAFKA_RESP_ERR_NO_ERROR }
                .map { "\($0.0): \(String(cString: rd_kafka_err2str($0.2)))" }
        }
        if !refused.isEmpty {
            context.logger.info("offsets not stored for partitions no longer assigned", metadata: ["partitions": "\(refused)"])
        }
    }

    /// Commits stored offsets now (synchronously).
    public func commit() async throws {
        let box = RdHandle(self.handle)
        try await blocking.run {
            let handle = box.raw
            let err = rd_kafka_commit(handle, nil, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
                throw KafkaError(err, context: "commit")
            }
        }
    }

    public func pause(_ partitions: [TopicPartition]) async throws {
        try await setPaused(partitions, paused: true)
    }

    public func resume(_ partitions: [TopicPartition]) async throws {
        try await setPaused(partitions, paused: false)
    }

    private func setPaused(_ partitions: [TopicPartition], paused: Bool) async throws {
        let box = RdHandle(self.handle)
        try await blocking.run {
            let handle = box.raw
            let list = NativeLists.make(partitions.map { ($0, nil) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let err = paused ? rd_kafka_pause_partitions(handle, list) : rd_kafka_resume_partitions(handle, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: paused ? "pause" : "resume") }
        }
    }

    /// Commits stored offsets, leaves the group and destroys the client. Safe to call twice.
    public func close() async {
        let alreadyClosed = lock.withLock { () -> Bool in
            defer { closed = true }
            return closed
        }
        if alreadyClosed { return }
        let box = RdHandle(self.handle)
        let context = self.context
        await blocking.run {
            let handle = box.raw
            let err = rd_kafka_consumer_close(handle)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                context.logger.warning("consumer close", metadata: ["error": "\(String(cString: rd_kafka_err2str(err)))"])
            }
            rd_kafka_destroy(handle)
        }
    }

    /// Drops the client without committing or leaving the group — what a crash looks like.
    /// For tests of redelivery only.
    public func abandonForTesting() async {
        lock.withLock { closed = true }
    }
}

/// One partition's lag as librdkafka's statistics see it.
public struct PartitionLag: Sendable, Hashable {
    public let topic: String
    public let partition: Int32
    public let lag: Int64
    public let committedOffset: Int64
    public let endOffset: Int64

    public init(topic: String, partition: Int32, lag: Int64, committedOffset: Int64, endOffset: Int64) {
        self.topic = topic
        self.partition = partition
        self.lag = lag
        self.committedOffset = committedOffset
        self.endOffset = endOffset
    }
}

/// State the C callbacks write and the Swift side reads.
final class ConsumerContext: LogBridge, @unchecked Sendable {
    struct State {
        var assigned = false
        var partitions: Set<TopicPartition> = []
        var lag: [PartitionLag] = []
    }

    private let lock = NSLock()
    private var state = State()

    func snapshot() -> State { lock.withLock { state } }

    func rebalance(rk: OpaquePointer, err: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        let entries = Set(NativeLists.read(partitions).map(\.0))
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if cooperative {
                if let e = rd_kafka_incremental_assign(rk, partitions) { rd_kafka_error_destroy(e) }
            } else {
                rd_kafka_assign(rk, partitions)
            }
            lock.withLock {
                state.assigned = true
                state.partitions.formUnion(entries)
            }
            logger.info("partitions assigned", metadata: ["partitions": "\(entries.sorted().map(\.description))"])
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            // Records handed out before this point were processed and stored (poll runs
            // only between batches), so commit them before the partitions move on.
            _ = rd_kafka_commit(rk, nil, 0)
            if cooperative {
                if let e = rd_kafka_incremental_unassign(rk, partitions) { rd_kafka_error_destroy(e) }
            } else {
                rd_kafka_assign(rk, nil)
            }
            lock.withLock {
                state.partitions.subtract(entries)
                state.lag.removeAll { entries.contains(TopicPartition($0.topic, $0.partition)) }
            }
            logger.info("partitions revoked", metadata: ["partitions": "\(entries.sorted().map(\.description))"])
        default:
            rd_kafka_assign(rk, nil)
            lock.withLock {
                state.partitions.removeAll()
                state.lag.removeAll()
            }
            logger.error("rebalance failed", metadata: ["error": "\(String(cString: rd_kafka_err2str(err)))"])
        }
    }

    func statistics(_ json: [UInt8]) {
        guard let lag = try? StatisticsParser.consumerLag(json) else { return }
        lock.withLock { state.lag = lag }
    }
}
