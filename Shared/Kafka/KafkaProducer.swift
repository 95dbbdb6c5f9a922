import CRdKafka
import Foundation
import Logging

/// An idempotent producer (`enable.idempotence=true`, `acks=all`) whose `send` returns only
/// when the broker has acknowledged every record of the batch, or throws the first failure.
///
/// Delivery reports are served by a dedicated polling thread; in-flight records are bounded by
/// `queue.buffering.max.messages` — when the local queue is full, `send` waits for room.
public final class KafkaProducer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let blocking = BlockingQueue(label: "kafka.producer")
    private let logger: Logger
    private let pollThread: PollThread
    private let logBridge: LogBridge
    private let lock = NSLock()
    private var closed = false

    public init(config: KafkaClientConfig, logger: Logger) throws {
        var config = config.forProducer()
        config["enable.idempotence"] = config["enable.idempotence"] ?? "true"
        config["acks"] = "all"
        config["linger.ms"] = config["linger.ms"] ?? "2"
        config["queue.buffering.max.messages"] = config["queue.buffering.max.messages"] ?? "100000"
        let conf = try config.makeNative()
        let bridge = LogBridge(logger: logger)
        bridge.install(on: conf)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
            guard let message, let opaque = message.pointee._private else { return }
            let batch = Unmanaged<DeliveryBatch>.fromOpaque(opaque).takeUnretainedValue()
            batch.report(error: message.pointee.err, topic: message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) })
        }
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            guard let opaque else { return }
            let text = reason.map { String(cString: $0) } ?? ""
            Unmanaged<LogBridge>.fromOpaque(opaque).takeUnretainedValue()
                .logger.warning("kafka producer error", metadata: ["code": "\(err)", "reason": "\(text)"])
        }
        self.handle = try makeHandle(type: RD_KAFKA_PRODUCER, conf: conf)
        self.logger = logger
        self.logBridge = bridge
        self.pollThread = PollThread(handle: handle, name: "kafka.producer.poll")
        pollThread.start()
    }

    /// Publishes the records in order and waits for every delivery report.
    public func send(_ records: [ProducerRecord]) async throws {
        if records.isEmpty { return }
        let box = RdHandle(self.handle)
        let batch = DeliveryBatch(count: records.count)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            batch.attach(continuation)
            let opaqueBox = OpaqueBox(Unmanaged.passRetained(batch).toOpaque())
            blocking.runDetached {
                let handle = box.raw
                let opaque = opaqueBox.raw
                for record in records {
                    let err = Self.enqueue(handle: handle, record: record, opaque: opaque)
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                        batch.report(error: err, topic: record.topic)
                    }
                }
                batch.enqueueFinished(opaque: opaque)
            }
        }
    }

    /// Enqueues one record, waiting while the local queue is full (the in-flight bound).
    private static func enqueue(handle: OpaquePointer, record: ProducerRecord, opaque: UnsafeMutableRawPointer) -> rd_kafka_resp_err_t {
        while true {
            let err: rd_kafka_resp_err_t = record.topic.withCString { topic in
                record.value.withUnsafeBufferPointer { value in
                    withKey(record.key) { keyPtr, keyLen in
                        withHeaders(record.headers) { headers in
                            var vus = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 5)
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
                                vus.append(rd_kafka_vu_t())
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

    /// Waits until everything queued is delivered (or the timeout passes).
    public func flush(timeout: Duration = .seconds(10)) async {
        let box = RdHandle(self.handle)
        let ms = Int32(timeout.components.seconds * 1000)
        _ = await blocking.run { rd_kafka_flush(box.raw, ms) }
    }

    /// Flushes and destroys the client. Safe to call more than once.
    public func close() async {
        let alreadyClosed = lock.withLock { () -> Bool in
            defer { closed = true }
            return closed
        }
        if alreadyClosed { return }
        await flush()
        pollThread.stop()
        let box = RdHandle(self.handle)
        await blocking.run { rd_kafka_destroy(box.raw) }
    }
}

struct OpaqueBox: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }
}

/// Counts the delivery reports of one `send` and resumes its caller after the last one.
final class DeliveryBatch: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private var enqueued = false
    private var firstError: KafkaError?
    private var continuation: CheckedContinuation<Void, any Error>?

    init(count: Int) { remaining = count }

    func attach(_ c: CheckedContinuation<Void, any Error>) { continuation = c }

    func report(error: rd_kafka_resp_err_t, topic: String?) {
        lock.withLock {
            if error != RD_KAFKA_RESP_ERR_NO_ERROR, firstError == nil {
                firstError = KafkaError(error, context: "delivery to \(topic ?? "?") failed")
            }
            remaining -= 1
        }
        finishIfDone()
    }

    /// Called once every record was handed to librdkafka; `opaque` is the retained self
    /// that delivery reports point at, released after the last report.
    func enqueueFinished(opaque: UnsafeMutableRawPointer) {
        lock.withLock {
            enqueued = true
            releaseOpaque = opaque
        }
        finishIfDone()
    }

    private var releaseOpaque: UnsafeMutableRawPointer?

    private func finishIfDone() {
        let action: (CheckedContinuation<Void, any Error>, KafkaError?, UnsafeMutableRawPointer)? = lock.withLock {
            guard enqueued, remaining == 0, let c = continuation, let opaque = releaseOpaque else { return nil }
            continuation = nil
            releaseOpaque = nil
            return (c, firstError, opaque)
        }
        guard let (continuation, error, opaque) = action else { return }
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        Unmanaged<DeliveryBatch>.fromOpaque(opaque).release()
    }
}

/// Serves delivery reports and error callbacks with `rd_kafka_poll` on its own thread.
final class PollThread: @unchecked Sendable {
    private let handle: OpaquePointer
    private let name: String
    private let lock = NSLock()
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(handle: OpaquePointer, name: String) {
        self.handle = handle
        self.name = name
    }

    func start() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                rd_kafka_poll(handle, 50)
            }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
        done.wait()
    }
}

