import Contracts
import Foundation
import Kafka

/// The simulated day's dunning: the run for the day (POST /dunning/run, as the 06:00 run or
/// ops would), the notices it issued as they arrive on kam.dunning.v1, and the collection
/// worklist (GET /collections) — for this run's clients.
struct DunningDesk {
    struct Notice {
        let clientId: String
        let kamId: String
        let level: Int
        let totalOverdue: String
        let oldestDaysOverdue: Int
    }

    struct Outcome {
        var status: Int
        var notices: [Notice] = []
        var resets: [String] = []
        /// Each notice's count of distinct messages on kam.dunning.v1 ("clientId:level:asOf" → n).
        var onTopic: [String: Int] = [:]
        var worklist: [[String: Any]] = []
    }

    let run: SimulationRun

    func work(config: KafkaClientConfig, timeout: Duration) async throws -> Outcome {
        let clientIds = Set(run.clients.map(\.id))
        let reply = try await run.http.post("\(run.http.receivables)/dunning/run", json: ["asOf": run.date.description])
        var outcome = Outcome(status: reply.status)
        guard reply.status == 200 else { return outcome }
        outcome.notices = (reply.json["notices"] as? [[String: Any]] ?? []).compactMap { n in
            guard let client = n["clientId"] as? String, clientIds.contains(client) else { return nil }
            return Notice(clientId: client, kamId: n["kamId"] as? String ?? "-", level: n["level"] as? Int ?? 0,
                          totalOverdue: n["totalOverdue"] as? String ?? "-", oldestDaysOverdue: n["oldestDaysOverdue"] as? Int ?? 0)
        }
        outcome.resets = (reply.json["resets"] as? [String] ?? []).filter(clientIds.contains)
        let expected = Set(outcome.notices.map { "\($0.clientId):\($0.level):\(run.date)" })
        outcome.onTopic = try await Self.readNotices(config: config, clientIds: clientIds, until: expected, timeout: timeout)
        let list = try await run.http.get("\(run.http.receivables)/collections?asOf=\(run.date)&limit=500")
        outcome.worklist = (list.json["clients"] as? [[String: Any]] ?? []).filter { clientIds.contains($0["clientId"] as? String ?? "") }
        return outcome
    }

    /// Reads kam.dunning.v1 from the start (a throwaway group) until every expected notice
    /// arrived and a second passed without more; counts distinct messages per notice.
    static func readNotices(config: KafkaClientConfig, clientIds: Set<String>, until expected: Set<String>,
                            timeout: Duration) async throws -> [String: Int] {
        var cfg = config
        cfg["enable.auto.commit"] = "false"
        cfg["auto.offset.reset"] = "earliest"
        cfg["session.timeout.ms"] = "6000"
        let consumer = try KafkaConsumer(config: cfg, groupId: "kamctl-dunning-" + UUID().uuidString.prefix(8).lowercased(),
                                         topics: [Topics.dunning.name], logger: Output.logger("dunning"))
        var seen: [String: Set<String>] = [:]
        let deadline = ContinuousClock.now + timeout
        var quietSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let records = try await consumer.poll(maxRecords: 1000, timeout: .milliseconds(200))
            for r in records {
                guard case .dunningNoticeIssued(let e)? = try? InboundMessage.decode(topic: Topics.dunning.name, value: r.value),
                      clientIds.contains(e.payload.clientId) else { continue }
                seen["\(e.payload.clientId):\(e.payload.level):\(e.payload.asOf)", default: []].insert(e.messageId)
                quietSince = ContinuousClock.now
            }
            if expected.isSubset(of: Set(seen.keys)) && ContinuousClock.now - quietSince > .seconds(1) { break }
        }
        await consumer.close()
        return seen.mapValues(\.count)
    }
}
