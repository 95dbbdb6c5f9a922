import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Faults injected for real while an ERP stream runs: processes killed, PostgreSQL stopped
/// abruptly, the broker restarted. Each test brings its own broker or database, so the
/// faults never touch other tests. Figures (fault, duration, time to recover, counts) are
/// printed with a FAULT prefix.
@Suite("End to end: faults heal by themselves", .serialized,
       .enabled(if: TestStack.isAvailable && LocalInfrastructure.isAvailable))
struct FaultInjectionTests {
    @Test("SIGKILL of each service, of all four, and PostgreSQL stopped abruptly for 30 s and 90 s, under a stream: every order decided exactly once, ledgers and turnover exact, lag 0, no manual restart")
    func processAndDatabaseFaults() async throws {
        let pg = try LocalPostgres()
        try await pg.start()
        do { try await faultsUnderStream(pg) } catch {
            try? await pg.destroy()
            throw error
        }
        try? await pg.destroy()
    }

    private func faultsUnderStream(_ pg: LocalPostgres) async throws {
        try await Platform4.with(adminDatabase: pg.adminURL) { p in
            let stream = ErpStream(p)
            let reader = try p.reader([Topics.orderDecisions])
            try await stream.publishMasterData()
            let flag = RunFlag()
            let sender = Task { try await stream.stream(perSecond: 25, while: { flag.isOn }) }

            try await Task.sleep(for: .seconds(5))
            for name in ["orders", "credit", "receivables", "planning"] {
                try await killAndRestart(p, [name], after: .seconds(3))
            }
            try await killAndRestart(p, ["orders", "credit", "receivables", "planning"], after: .seconds(3))
            for outage in [30, 90] {
                try await stopDatabase(pg, for: .seconds(outage), platform: p)
            }
            try await Task.sleep(for: .seconds(5))
            flag.stop()
            let sent = try await sender.value
            try await expectEverythingDecidedOnce(p, stream, reader: reader, sent: sent)
            try await expectLedgersExact(p, stream)
            try await expectLagZero(p)
            for (name, service) in p.services { #expect(service.isRunning, "\(name) is not running") }
            await reader.close()
        }
    }

    @Test("the broker restarted under a stream (it comes back empty): no process exits, topics come back with their partitions, orders sent after it are decided exactly once, lag returns to 0")
    func brokerRestart() async throws {
        let broker = try LocalBroker()
        try await broker.start()
        do { try await restartUnderStream(broker) } catch {
            try? await broker.stop()
            throw error
        }
        try? await broker.stop()
    }

    private func restartUnderStream(_ broker: LocalBroker) async throws {
        try await Platform4.with(kafka: broker.bootstrap) { p in
            let before = ErpStream(p)
            try await before.publishMasterData()
            try await before.send(100, perSecond: 50)

            try await broker.stop()
            try await Task.sleep(for: .seconds(2))
            try await broker.start()
            let restarted = ContinuousClock.now
            // The services put their topics back, with their partitions, by themselves.
            let admin = try KafkaAdmin(config: TestStack.kafkaConfig(bootstrap: p.kafka))
            var ours: [String: Int32] = [:]
            var listing = "not listed yet"
            let topicsBack = try await TestStack.eventually(timeout: .seconds(60), every: .milliseconds(500)) {
                do {
                    let all = try await admin.listTopics()
                    ours = all.filter { $0.key.hasPrefix(p.prefix) }
                    listing = "\(all.count) topics"
                } catch {
                    listing = "\(error)"
                }
                return ours.count == Topics.all.count
            }
            #expect(topicsBack, "topics after the restart: \(ours.keys.sorted()) (\(listing))")
            #expect(ours.values.allSatisfy { $0 == 6 }, "partitions after the restart: \(ours)")
            let topicsTime = restarted.duration(to: .now)
            // Ready again only once every consumer rejoined and holds partitions of the new topics.
            _ = try await TestStack.eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                (try? await HTTP.get("\(p["orders"].baseURL)/health/ready").status) == 503
            }
            try await waitAllReady(p, timeout: .seconds(90))
            print("FAULT broker restart: topics back \(topicsTime), all services ready again \(restarted.duration(to: .now)) after the broker came back")

            // The ERP's own producer lost its producer id with the broker and replaces itself on
            // the first failed send; the topics may not be back yet: retry for a while.
            let after = ErpStream(p)
            let reader = try p.reader([Topics.orderDecisions])
            let published = try await TestStack.eventually(timeout: .seconds(60), every: .seconds(1)) {
                (try? await after.publishMasterData()) != nil
            }
            #expect(published, "the ERP could not publish after the broker restart")
            try await after.send(300, perSecond: 50)
            try await expectEverythingDecidedOnce(p, after, reader: reader, sent: 300)
            try await expectLagZero(p)
            for (name, service) in p.services { #expect(service.isRunning, "\(name) exited after the broker restart") }
            await reader.close()
        }
    }

    // MARK: faults

    private func killAndRestart(_ p: Platform4, _ names: [String], after downtime: Duration) async throws {
        for name in names { await p[name].crash() }
        let killed = ContinuousClock.now
        try await Task.sleep(for: downtime)
        for name in names { try p[name].start() }
        try await waitAllReady(p, timeout: .seconds(90))
        print("FAULT SIGKILL \(names.joined(separator: "+")): down \(downtime), all ready \(killed.duration(to: .now)) after the kill")
    }

    private func stopDatabase(_ pg: LocalPostgres, for outage: Duration, platform p: Platform4) async throws {
        try await pg.kill()
        let stopped = ContinuousClock.now
        // Readiness tells the truth quickly, and answers at once.
        let unready = try await TestStack.eventually(timeout: .seconds(15), every: .milliseconds(250)) {
            let started = ContinuousClock.now
            let status = try? await HTTP.get("\(p["orders"].baseURL)/health/ready").status
            #expect(started.duration(to: .now) < .seconds(5), "readiness took \(started.duration(to: .now)) to answer")
            return status == 503
        }
        #expect(unready, "orders stayed ready with PostgreSQL down")
        try await Task.sleep(until: stopped + outage)
        try await pg.resume()
        let resumed = ContinuousClock.now
        try await waitAllReady(p, timeout: .seconds(120))
        print("FAULT PostgreSQL stopped (-m immediate) for \(outage): unready within \(unready ? "15 s" : "never"), all ready \(resumed.duration(to: .now)) after it came back")
    }

    private func waitAllReady(_ p: Platform4, timeout: Duration) async throws {
        for (name, service) in p.services {
            let ready = try await TestStack.eventually(timeout: timeout, every: .milliseconds(250)) {
                (try? await HTTP.get("\(service.baseURL)/health/ready").status) == 200
            }
            if !ready {
                let body = (try? await HTTP.get("\(service.baseURL)/health/ready").text) ?? "no answer"
                throw E2EError("\(name) not ready within \(timeout): \(body)\n\(service.logText().split(separator: "\n").suffix(20).joined(separator: "\n"))")
            }
        }
    }

    // MARK: checks

    private func expectEverythingDecidedOnce(_ p: Platform4, _ stream: ErpStream, reader: TopicReader, sent: Int) async throws {
        let ids = stream.sentOrders
        #expect(ids.count == sent)
        let started = ContinuousClock.now
        _ = try await TestStack.eventually(timeout: .seconds(240), every: .milliseconds(500)) {
            Set(Decisions(try await reader.read()).all.map(\.orderId)).isSuperset(of: ids)
        }
        let decisions = Decisions(try await reader.drain(quiet: .seconds(3)))
        let missing = Set(ids).subtracting(decisions.all.map(\.orderId))
        #expect(missing.count == 0, "\(missing.count) orders never decided, e.g. \(missing.sorted().prefix(5))")
        let notOnce = ids.filter { decisions.types(of: $0) != ["OrderConfirmed"] }
        #expect(notOnce.count == 0, "\(notOnce.count) orders without exactly one OrderConfirmed, e.g. \(notOnce.prefix(5).map { "\($0): \(decisions.types(of: $0))" })")
        print("FAULT counts: \(ids.count) orders sent, \(ids.count - missing.count) decided, \(notOnce.count) not exactly once; last decisions \(started.duration(to: .now)) after the stream ended")
    }

    private func expectLedgersExact(_ p: Platform4, _ stream: ErpStream) async throws {
        let head = p.token(.head)
        let expectedOutstanding = Money(kopecks: stream.totalOutstanding).description
        let ageingOK = try await TestStack.eventually(timeout: .seconds(60)) {
            let ageing = try await HTTP.get("\(p["receivables"].baseURL)/ageing?asOf=2026-11-30&kamId=\(ErpStream.kam)", token: head).json
            return (ageing["totals"] as? [String: Any])?["total"] as? String == expectedOutstanding
        }
        #expect(ageingOK, "receivables' ageing total differs from \(expectedOutstanding)")
        let turnover = try await HTTP.get("\(p["planning"].baseURL)/scorecards/\(ErpStream.kam)/2026-11", token: head).json
        #expect((turnover["turnover"] as? [String: Any])?["actual"] as? String == Money(kopecks: stream.totalInvoiced).description)
        var wrong: [String] = []
        for client in stream.clients {
            let credit = try await HTTP.get("\(p["credit"].baseURL)/clients/\(client)/credit", token: head).json
            let expected = Money(kopecks: stream.outstanding(client)).description
            if credit["openReceivables"] as? String != expected { wrong.append("\(client): \(credit["openReceivables"] ?? "none") ≠ \(expected)") }
        }
        #expect(wrong.count == 0, "credit's open receivables differ for \(wrong.count) clients, e.g. \(wrong.prefix(3))")
        print("FAULT ledgers: outstanding \(expectedOutstanding), turnover \(Money(kopecks: stream.totalInvoiced))")
    }

    private func expectLagZero(_ p: Platform4) async throws {
        var last: Int64 = -1
        let zero = try await TestStack.eventually(timeout: .seconds(60), every: .seconds(1)) {
            last = try await p.totalLag()
            return last == 0
        }
        #expect(zero, "lag stayed at \(last)")
    }
}
