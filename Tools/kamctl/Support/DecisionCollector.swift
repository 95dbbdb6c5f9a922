import Contracts
import Foundation
import Kafka

/// Reads kam.order-decisions.v1 in the background with a throwaway group (from the start,
/// never committing) and keeps the decisions of orders whose id starts with `orderPrefix`,
/// with the moment each was received.
final class DecisionCollector: @unchecked Sendable {
    static let groupPrefix = "kamctl-decisions-"

    struct Decision: Sendable {
        let messageId: String
        let message: InboundMessage
        let receivedAt: ContinuousClock.Instant
    }

    private let consumer: KafkaConsumer
    private let orderPrefix: String
    private let lock = NSLock()
    private var byOrder: [String: [Decision]] = [:]
    /// Orders in the order their first decision arrived (waiters read it from where they left off).
    private var firstDecided: [String] = []
    private var stopped = false
    private var failure: String?
    private var task: Task<Void, Never>?

    init(config: KafkaClientConfig, orderPrefix: String) throws {
        var cfg = config
        cfg["enable.auto.commit"] = "false"
        cfg["auto.offset.reset"] = "earliest"
        cfg["session.timeout.ms"] = "6000"
        cfg["statistics.interval.ms"] = "600000"
        self.orderPrefix = orderPrefix
        consumer = try KafkaConsumer(config: cfg, groupId: Self.groupPrefix + UUID().uuidString.prefix(8).lowercased(),
                                     topics: [Topics.orderDecisions.name], logger: Output.logger("decisions"))
    }

    func start() {
        task = Task.detached { [self] in await loop() }
    }

    private func loop() async {
        while !lock.withLock({ stopped }) {
            do {
                let records = try await consumer.poll(maxRecords: 2000, timeout: .milliseconds(100))
                let now = ContinuousClock.now
                var batch: [(String, Decision)] = []
                for record in records {
                    guard let message = try? InboundMessage.decode(topic: Topics.orderDecisions.name, value: record.value),
                          let orderId = Self.orderId(of: message), orderId.hasPrefix(orderPrefix) else { continue }
                    batch.append((orderId, Decision(messageId: message.messageId, message: message, receivedAt: now)))
                }
                if !batch.isEmpty {
                    lock.withLock {
                        for (id, d) in batch {
                            if byOrder[id] == nil { firstDecided.append(id) }
                            byOrder[id, default: []].append(d)
                        }
                    }
                }
            } catch {
                lock.withLock { failure = CLIError.oneLine(error); stopped = true }
            }
        }
    }

    var isAssigned: Bool { consumer.isAssigned }

    /// Waits until the group gave this reader its partitions.
    func waitAssigned(timeout: Duration = .seconds(30)) async throws {
        guard await eventually(timeout: timeout, every: .milliseconds(50), { isAssigned }) else {
            throw CLIError("the decision reader got no partitions of \(Topics.orderDecisions.name) within \(timeout)")
        }
    }

    /// Waits until every order in `ids` has a decision; false on timeout. With `reportEvery`,
    /// notes the progress on stderr at that interval.
    func waitDecided(_ ids: [String], timeout: Duration, reportEvery: Duration? = nil) async throws -> Bool {
        let progress = Progress(self, ids)
        var lastNote = ContinuousClock.now
        return try await eventually(timeout: timeout, every: .milliseconds(20)) {
            let done = try progress.decided()
            if let reportEvery, ContinuousClock.now - lastNote >= reportEvery {
                Output.note("\(done) of \(ids.count) orders decided")
                lastNote = .now
            }
            return done == ids.count
        }
    }

    /// How many of a set of orders have a decision, counted from the arrivals since the last
    /// look (cheap enough to ask every few milliseconds during 100,000 orders).
    final class Progress: @unchecked Sendable {
        private let collector: DecisionCollector
        private let target: Set<String>
        private var cursor = 0
        private var done = 0

        init(_ collector: DecisionCollector, _ ids: [String]) {
            self.collector = collector
            target = Set(ids)
        }

        func decided() throws -> Int {
            let (fresh, failed) = collector.lock.withLock { () -> (ArraySlice<String>, String?) in
                defer { cursor = collector.firstDecided.count }
                return (collector.firstDecided[cursor...], collector.failure)
            }
            if let failed { throw CLIError("reading decisions: \(failed)") }
            done += fresh.filter { target.contains($0) }.count
            return done
        }
    }

    /// Distinct decision messages per order (a republished message keeps its messageId).
    func snapshot() -> [String: [Decision]] {
        lock.withLock {
            byOrder.mapValues { list in
                var seen = Set<String>()
                return list.filter { seen.insert($0.messageId).inserted }
            }
        }
    }

    func stop() async {
        lock.withLock { stopped = true }
        await task?.value
        await consumer.close()
    }

    static func orderId(of message: InboundMessage) -> String? {
        switch message {
        case .orderConfirmed(let e): e.payload.orderId
        case .orderOnHold(let e): e.payload.orderId
        case .orderRejected(let e): e.payload.orderId
        default: nil
        }
    }
}
