import Contracts
import Foundation
import Kafka
import ServiceKit
import TestSupport

/// The four real services on their own topic prefix, database and ports, plus an ERP
/// that publishes to them and a reader of what they publish.
final class Platform4: @unchecked Sendable {
    let prefix: String
    let services: [String: ServiceProcess]
    let secret = "e2e-secret-0123456789abcdef"
    let erp: KafkaProducer
    let logDir: URL
    /// The broker the services and the ERP talk to (the shared test broker unless a test brings its own).
    let kafka: String

    /// `creditInstances` > 1 starts more credit processes in the same consumer group
    /// (named credit-2, …), `receivablesInstances` likewise (receivables-2, …);
    /// `environment` is added to every service's. A test that injects
    /// faults brings its own broker (`kafka`) or database (`adminDatabase`).
    init(graceSeconds: Int = 4, creditInstances: Int = 1, receivablesInstances: Int = 1, environment: [String: String] = [:],
         kafka: String? = nil, adminDatabase: DatabaseURL? = nil) async throws {
        prefix = TestStack.unique("e2e") + "."
        self.kafka = kafka ?? TestStack.kafka ?? ""
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["orders", "credit", "receivables", "planning"],
                                                               admin: adminDatabase)
        logDir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: logDir, withIntermediateDirectories: true)
        var s: [String: ServiceProcess] = [:]
        let names = ["orders", "credit", "receivables", "planning"] + (1..<max(creditInstances, 1)).map { "credit-\($0 + 1)" }
            + (1..<max(receivablesInstances, 1)).map { "receivables-\($0 + 1)" }
        for name in names {
            // credit-2 runs the credit executable.
            let executable = String(name.split(separator: "-")[0])
            s[name] = ServiceProcess(name: name, executable: executable, port: freePort(), environment: [
                "DATABASE_URL": urls[executable]!.urlString,
                "KAFKA_BOOTSTRAP_SERVERS": self.kafka,
                "KAM_TOPIC_PREFIX": prefix,
                "KAM_CONSUMER_GROUP": "\(prefix)\(executable)",
                "KAM_JWT_SECRET": secret,
                "KAM_TIMEZONE": "Europe/Moscow",
                "KAFKA_FETCH_WAIT_MAX_MS": "50",
                "KAFKA_SESSION_TIMEOUT_MS": "6000",
                "KAFKA_STATISTICS_INTERVAL_MS": "500",
                "KAM_MASTER_DATA_GRACE_SECONDS": String(graceSeconds),
                "LOG_LEVEL": "info",
            ].merging(environment) { _, extra in extra }, logDir: logDir)
        }
        services = s
        // The platform owns its topics (TopicKeeper): the ERP never auto-creates one.
        erp = try KafkaProducer(config: TestStack.kafkaConfig(["allow.auto.create.topics": "false", "message.timeout.ms": "15000"],
                                                              bootstrap: self.kafka),
                                logger: TestStack.logger)
    }

    /// Runs `body` against a started platform and always stops the processes afterwards.
    static func with(graceSeconds: Int = 4, creditInstances: Int = 1, receivablesInstances: Int = 1,
                     environment: [String: String] = [:], kafka: String? = nil, adminDatabase: DatabaseURL? = nil,
                     _ body: (Platform4) async throws -> Void) async throws {
        let p = try await Platform4(graceSeconds: graceSeconds, creditInstances: creditInstances,
                                    receivablesInstances: receivablesInstances, environment: environment,
                                    kafka: kafka, adminDatabase: adminDatabase)
        do {
            try await p.start()
            try await body(p)
        } catch {
            await p.stop()
            throw error
        }
        await p.stop()
    }

    subscript(name: String) -> ServiceProcess { services[name]! }

    func start() async throws {
        for s in services.values { try s.start() }
        for s in services.values { try await s.waitReady() }
    }

    func stop() async {
        for s in services.values { await s.stop() }
        await erp.close()
    }

    func token(_ role: Role, kam: String? = nil) -> String {
        JWTAuthenticator(secret: secret).mint(subject: "test-\(role.rawValue)", role: role, kamId: kam)
    }

    /// Publishes envelopes as the ERP would (key = clientId or priceListId).
    func publish<P: MessagePayload>(_ topic: TopicSpec, key: String, _ payloads: [P], occurredAt: Date = Date()) async throws {
        let records = try payloads.map { p in
            ProducerRecord(topic: prefix + topic.name, key: key, value: try Envelope(occurredAt: occurredAt, payload: p).jsonBytes())
        }
        try await erp.send(records)
    }

    func publishRaw(_ topic: TopicSpec, key: String?, _ values: [[UInt8]]) async throws {
        try await erp.send(values.map { ProducerRecord(topic: prefix + topic.name, key: key, value: $0) })
    }

    func reader(_ topics: [TopicSpec]) throws -> TopicReader {
        try TopicReader(topics: topics.map { prefix + $0.name }, bootstrap: kafka)
    }

    /// Every consumer group's total lag on the platform's input topics, from the broker.
    func totalLag() async throws -> Int64 {
        let admin = try KafkaAdmin(config: TestStack.kafkaConfig(bootstrap: kafka))
        let topics = try await admin.listTopics().filter { $0.key.hasPrefix(prefix) }
        var total: Int64 = 0
        for name in ["orders", "credit", "receivables", "planning"] {
            total += try await admin.groupLag(group: "\(prefix)\(name)", topics: topics).reduce(0) { $0 + $1.lag }
        }
        return total
    }
}

/// Decoded decisions from kam.order-decisions.v1, by order.
struct Decisions {
    var all: [(messageId: String, type: String, orderId: String, payload: InboundMessage)] = []

    init(_ records: [ConsumerRecord]) {
        for r in records {
            guard let m = try? InboundMessage.decode(topic: Topics.orderDecisions.name, value: r.value) else { continue }
            switch m {
            case .orderConfirmed(let e): all.append((e.messageId, e.type, e.payload.orderId, m))
            case .orderOnHold(let e): all.append((e.messageId, e.type, e.payload.orderId, m))
            case .orderRejected(let e): all.append((e.messageId, e.type, e.payload.orderId, m))
            default: break
            }
        }
    }

    /// Distinct decision messages per order (a republished message has the same id).
    func types(of orderId: String) -> [String] {
        var seen = Set<String>()
        return all.filter { $0.orderId == orderId && seen.insert($0.messageId).inserted }.map(\.type)
    }

    func confirmed(_ orderId: String) -> OrderConfirmed? {
        for d in all where d.orderId == orderId { if case .orderConfirmed(let e) = d.payload { return e.payload } }
        return nil
    }

    func onHold(_ orderId: String) -> OrderOnHold? {
        for d in all where d.orderId == orderId { if case .orderOnHold(let e) = d.payload { return e.payload } }
        return nil
    }

    func rejected(_ orderId: String) -> OrderRejected? {
        for d in all where d.orderId == orderId { if case .orderRejected(let e) = d.payload { return e.payload } }
        return nil
    }
}
