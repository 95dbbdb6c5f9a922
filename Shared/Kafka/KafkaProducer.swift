import CRdKafka
import Foundation
import Logging
import Synchronization

/// An idempotent producer (`enable.idempotence=true`, `acks=all`). `deliver` returns only
/// when the broker has answered for every record, with each record's outcome, so a caller
/// can keep exactly the records that were not acknowledged.
///
/// A fatal idempotence error (the broker forgot the producer id after a restart, fencing,
/// an out-of-order sequence) makes a librdkafka producer unusable for good; this one then
/// builds a fresh client, and the caller resends what was not acknowledged (same message
/// ids, so consumers drop any copy).
public final class KafkaProducer: Sendable {
    private let config: KafkaClientConfig
    private let logger: Logger
    private let blocking = BlockingQueue(label: "kafka.producer")
    private let state: Mutex<State>

    private struct State {
        var client: ProducerClient?
        var generation = 1
    }

    public init(config: KafkaClientConfig, logger: Logger) throws {
        var config = config.forProducer()
        config["enable.idempotence"] = config["enable.idempotence"] ?? "true"
        config["acks"] = "all"
        config["linger.ms"] = config["linger.ms"] ?? "2"
        config["queue.buffering.max.messages"] = config["queue.buffering.max.messages"] ?? "100000"
        self.config = config
        self.logger = logger
        state = Mutex(State(client: try ProducerClient(config: config, logger: logger, generation: 1)))
    }

    /// How many clients this producer has built (1 until a fatal error forced a new one).
    public var generation: Int { state.withLock { $0.generation } }

    /// Publishes the records in order and waits for every delivery report; returns one
    /// outcome per record (nil = acknowledged by the broker).
    public func deliver(_ records: [ProducerRecord]) async throws -> [KafkaError?] {
        if records.isEmpty { return [] }
        guard let client = state.withLock({ $0.client }) else { throw KafkaError(message: "producer is closed") }
        let outcomes = await client.deliver(records, on: blocking)
        if let broken = client.fatalError() ?? outcomes.lazy.compactMap({ $0 }).first(where: \.meansProducerStateLost) {
            replace(client, because: broken)
        } else if let first = outcomes.first, let timedOut = first, timedOut.code == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue,
                  outcomes.allSatisfy({ $0?.code == timedOut.code }) {
            // Nothing got through within the delivery timeout. After a broker restart an
            // idempotent producer can wait for good on a producer id the broker never gives
            // back; a fresh one asks anew (and costs nothing if the broker is simply away).
            replace(client, because: timedOut)
        }
        return outcomes
    }

    /// Publishes the records and throws the first failure (for callers that retry everything).
    public func send(_ records: [ProducerRecord]) async throws {
        if let error = try await deliver(records).lazy.compactMap({ $0 }).first { throw error }
    }

    /// Swaps in a fresh client; the broken one is purged and destroyed off the caller's path.
    private func replace(_ broken: ProducerClient, because fatal: KafkaError) {
        let replaced: Bool = state.withLock { state in
            guard state.client === broken else { return false }
            do {
                state.generation += 1
                state.client = try ProducerClient(config: config, logger: logger, generation: state.generation)
            } catch {
                logger.error("cannot create a new Kafka producer", metadata: ["error": "\(error)"])
                return false
            }
            return true
        }
        guard replaced else { return }
        logger.warning("producer unusable: replaced it; unacknowledged records will be resent",
                       metadata: ["error": "\(fatal.message)", "generation": "\(generation)"])
        Thread.detachNewThread { broken.destroy(purge: true) }
    }

    /// Waits until everything queued is delivered (or the timeout passes).
    public func flush(timeout: Duration = .seconds(10)) async {
        guard let client = state.withLock({ $0.client }) else { return }
        let ms = Int32(timeout.components.seconds * 1000)
        await blocking.run { client.flush(ms) }
    }

    /// Flushes and destroys the client. Safe to call more than once.
    public func close() async {
        guard let client = state.withLock({ state -> ProducerClient? in
            defer { state.client = nil }
            return state.client
        }) else { return }
        await blocking.run {
            client.flush(10_000)
            client.destroy(purge: false)
        }
    }
}

/// One librdkafka producer handle with its poll thread and callbacks.
final class ProducerClient: Sendable {
    let handle: RdHandle
    private let bridge: ProducerBridge
    private let pollThread: PollThread
    private let destroyed = Atomic<Bool>(false)

    init(config: KafkaClientConfig, logger: Logger, generation: Int) throws {
        var config = config
        if generation > 1, let id = config["client.id"] { config["client.id"] = "\(id)-\(generation)" }
        let conf = try config.makeNative()
        bridge = ProducerBridge(logger: logger)
        bridge.install(on: conf)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
            guard let message, let ticket = message.pointee._private else { return }
            DeliveryBatch.report(ticket: ticket, error: message.pointee.err)
        }
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            guard let opaque else { return }
            let text = reason.map { String(cString: $0) } ?? ""
            let bridge = Unmanaged<ProducerBridge>.fromOpaque(opaque).takeUnretainedValue()
            if err == RD_KAFKA_RESP_ERR__FATAL.rawValue { bridge.fatal.store(true, ordering: .releasing) }
            bridge.logger.warning("kafka producer error", metadata: ["code": "\(err)", "reason": "\(text)"])
        }
        let raw = try makeHandle(type: RD_KAFKA_PRODUCER, conf: conf)
        handle = RdHandle(raw)
        let bridge = self.bridge
        // A fatal producer sends nothing more, but its queued records would wait for their
        // delivery timeout: purge them at once, so their senders learn it and resend.
        pollThread = PollThread(handle: raw, name: "kafka.producer.poll") { handle in
            if bridge.fatal.exchange(false, ordering: .acquiringAndReleasing) {
                _ = rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            }
        }
        pollThread.start()
    }

    /// The producer's fatal error, if librdkafka raised one.
    func fatalError() -> KafkaError? {
        var errstr = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle.raw, &errstr, errstr.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(err, context: "fatal producer error: \(String(errorBuffer: errstr))")
    }

    func deliver(_ records: [ProducerRecord], on blocking: BlockingQueue) async -> [KafkaError?] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[KafkaError?], Never>) in
            let batch = DeliveryBatch(records: records, continuation: continuation)
            blocking.runDetached { [self] in
                for (index, record) in records.enumerated() {
                    let err = Self.enqueue(handle: handle.raw, record: record, opaque: batch.ticket(index))
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                        batch.record(index, error: err)
                    }
                }
                batch.enqueueFinished()
            }
        }
    }

    func flush(_ ms: Int32) { if !destroyed.load(ordering: .acquiring) { _ = rd_kafka_flush(handle.raw, ms) } }

    /// Stops polling and destroys the handle; with `purge`, drops what is still queued
    /// (its delivery reports fail those records, so their senders resend them).
    func destroy(purge: Bool) {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if purge {
            _ = rd_kafka_purge(handle.raw, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            _ = rd_kafka_flush(handle.raw, 2_000)
        }
        pollThread.stop()
        rd_kafka_destroy(handle.raw)
    }

    /// Enqueues one record, waiting while the local queue is full (the in-flight bound).
    private static func enqueue(handle: OpaquePointer, record: ProducerRecord, opaque: UnsafeMutableRawPointer) -> rd_kafka_resp_err_t {
        while true {
            let err: rd_kafka_resp_err_t = record.topic.withCString { topic in
                record.value.withUnsafeBufferPointer { value in
                    withKey(record.key) { keyPtr, keyLen in
                        withHeaders(record.headers) { headers in
                            var vus = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 6)
                            vus[0].vtype = RD_KAFKA_VTYPE_TOPIC
                            vus[0].u.cstr = topic
                            vus[1].vtype = RD_KAFKA_VTYPE_VALUE
                            vus[1].u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                            vus[1].u.mem.size = value.count
                            vus[2].vtype = RD_KAFKA_VTYPE_KEY
                            vus[2].u.mem.ptr = UnsafeMutableRawPointer(mutating: keyPtr)
                            vus[2].u.mem.size = keyLen
                            vus[3].vtype = RD_KAFKA_VTYPE_OPAQUE
                            vus[3].u.ptr = opaque
                            vus[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                            vus[4].u.i = RD_KAFKA_MSG_F_COPY
                            var count = 5
                            if let headers {
                                vus[5].vtype = RD_KAFKA_VTYPE_HEADERS
                                vus[5].u.headers = headers
                                count = 6
                            }
                            guard let error = rd_kafka_produceva(handle, vus, count) else {
                                return RD_KAFKA_RESP_ERR_NO_ERROR
                            }
                            let code = rd_kafka_error_code(error)
                            rd_kafka_error_destroy(error)
                            // On failure librdkafka did not take the headers; on success it owns them.
                            if let h = headers { rd_kafka_headers_destroy(h) }
                            return code
                        }
                    }
                }
            }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                usleep(1000)
                continue
            }
            return err
        }
    }

    private static func withKey<T>(_ key: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> T) -> T {
        guard let key else { return body(nil, 0) }
        return key.withUnsafeBytes { body($0.baseAddress, key.count) }
    }

    private static func withHeaders<T>(_ headers: [(String, [UInt8])], _ body: (OpaquePointer?) -> T) -> T {
        if headers.isEmpty { return body(nil) }
        let native = rd_kafka_headers_new(headers.count)!
        for (name, value) in headers {
            value.withUnsafeBytes { _ = rd_kafka_header_add(native, name, -1, $0.baseAddress, value.count) }
        }
        return body(native)
    }
}

/// Collects the delivery reports of one `deliver` call and resumes its caller after the
/// last one. Each record's opaque is a ticket naming the batch and the record's index.
final class DeliveryBatch: @unchecked Sendable {
    private struct Ticket {
        var batch: Unmanaged<DeliveryBatch>
        var index: Int
    }

    private let lock = NSLock()
    private let topics: [String]
    private var outcomes: [KafkaError?]
    private var remaining: Int
    private var enqueued = false
    private var continuation: CheckedContinuation<[KafkaError?], Never>?
    private let tickets: UnsafeMutableBufferPointer<Ticket>

    init(records: [ProducerRecord], continuation: CheckedContinuation<[KafkaError?], Never>) {
        topics = records.map(\.topic)
        outcomes = Array(repeating: nil, count: records.count)
        remaining = records.count
        self.continuation = continuation
        tickets = .allocate(capacity: records.count)
        // Retained until the last report: librdkafka holds raw pointers into the tickets.
        let this = Unmanaged.passRetained(self)
        for i in 0..<records.count { (tickets.baseAddress! + i).initialize(to: Ticket(batch: this, index: i)) }
    }

    deinit { tickets.deallocate() }

    func ticket(_ index: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(tickets.baseAddress! + index) }

    /// Called from librdkafka's delivery-report callback.
    static func report(ticket: UnsafeMutableRawPointer, error: rd_kafka_resp_err_t) {
        let t = ticket.assumingMemoryBound(to: Ticket.self).pointee
        t.batch.takeUnretainedValue().record(t.index, error: error)
    }

    func record(_ index: Int, error: rd_kafka_resp_err_t) {
        lock.withLock {
            if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                outcomes[index] = KafkaError(error, context: "delivery to \(topics[index]) failed")
            }
            remaining -= 1
        }
        finishIfDone()
    }

    /// Called once every record was handed to librdkafka (or refused by it).
    func enqueueFinished() {
        lock.withLock { enqueued = true }
        finishIfDone()
    }

    private func finishIfDone() {
        let done: (CheckedContinuation<[KafkaError?], Never>, [KafkaError?])? = lock.withLock {
            guard enqueued, remaining == 0, let c = continuation else { return nil }
            continuation = nil
            return (c, outcomes)
        }
        guard let (continuation, outcomes) = done else { return }
        continuation.resume(returning: outcomes)
        Unmanaged.passUnretained(self).release()
    }
}

/// The producer's log bridge, which also notes a fatal error for the poll thread.
final class ProducerBridge: LogBridge, @unchecked Sendable {
    let fatal = Atomic<Bool>(false)
}

/// Serves delivery reports and error callbacks with `rd_kafka_poll` on its own thread;
/// `afterPoll` runs there between polls (never inside a callback).
final class PollThread: Sendable {
    private let handle: RdHandle
    private let name: String
    private let running = Atomic<Bool>(true)
    private let done = DispatchSemaphore(value: 0)
    private let afterPoll: @Sendable (OpaquePointer) -> Void

    init(handle: OpaquePointer, name: String, afterPoll: @escaping @Sendable (OpaquePointer) -> Void = { _ in }) {
        self.handle = RdHandle(handle)
        self.name = name
        self.afterPoll = afterPoll
    }

    func start() {
        let thread = Thread { [self] in
            while running.load(ordering: .acquiring) {
                rd_kafka_poll(handle.raw, 50)
                afterPoll(handle.raw)
            }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    func stop() {
        running.store(false, ordering: .releasing)
        done.wait()
    }
}
