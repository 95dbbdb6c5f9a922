import Contracts
import Foundation
import ServiceKit
import Testing
import TestSupport

/// Each service's HTTP API fuzzed from its OpenAPI document (docs/openapi/<service>.yaml) by
/// schemathesis, against the real executables with data in them: no 5xx, every response
/// matches the document (status, content type, body schema), errors are problem+json.
@Suite("End to end: HTTP APIs match their OpenAPI documents", .serialized,
       .enabled(if: TestStack.isAvailable && Schemathesis.directory != nil))
struct ApiSchemaTests {
    @Test("schemathesis finds no server error and no response that breaks the document, for every service")
    func fuzz() async throws {
        try await Platform4.with { p in
            try await seed(p)
            let head = p.token(.head)
            let services = ["orders", "credit", "receivables", "planning"]
                .filter { FileManager.default.fileExists(atPath: "\(Schemathesis.documents)/\($0).yaml") }
            #expect(services.contains("orders") && services.contains("credit") && services.contains("receivables")
                    && services.contains("planning"))
            for name in services {
                let (status, output) = try await runSchemathesis(document: "\(Schemathesis.documents)/\(name).yaml",
                                                                url: p[name].baseURL, token: head)
                #expect(status == 0, "\(name): schemathesis failed:\n\(output.split(separator: "\n").suffix(60).joined(separator: "\n"))")
                #expect(p[name].isRunning, "\(name) died under the fuzzing")
            }
        }
    }

    /// The ids the documents' examples name: a client with a confirmed order, a discount hold
    /// and a credit hold, plus an invoice, a payment, a return with lines, the KAM's plan for
    /// the month and a logged contact; a second client dunned for an overdue invoice.
    private func seed(_ p: Platform4) async throws {
        let reader = try p.reader([Topics.orderDecisions])
        try await p.publish(Topics.erpPriceLists, key: Fixtures.priceList.priceListId, [Fixtures.priceList])
        try await p.publish(Topics.erpClients, key: "C-API-1", [Fixtures.client("C-API-1", kam: "kam-ivanova", limit: "5000.00")])
        try await p.publish(Topics.erpOrders, key: "C-API-1", [
            Fixtures.order("API-1", client: "C-API-1", [("MILK-1L", 10)]),
            Fixtures.order("API-DISC-1", client: "C-API-1", [("MILK-1L", 1)], discount: "10.00"),
            Fixtures.order("API-HOLD-1", client: "C-API-1", [("MILK-1L", 100)]),
        ])
        try await p.publish(Topics.erpInvoices, key: "C-API-1", [InvoiceIssued(
            invoiceId: "INV-API-1", clientId: "C-API-1", orderId: "API-1", amount: try Money(parsing: "950.00"),
            issuedOn: Fixtures.day, dueDate: try BusinessDate(parsing: "2026-12-30"))])
        try await p.publish(Topics.erpPayments, key: "C-API-1", [PaymentReceived(
            paymentId: "PAY-API-1", clientId: "C-API-1", amount: try Money(parsing: "100.00"), receivedOn: Fixtures.day)])
        try await p.publish(Topics.erpCreditNotes, key: "C-API-1", [CreditNoteIssued(
            creditNoteId: "CN-API-1", clientId: "C-API-1", invoiceId: "INV-API-1", amount: try Money(parsing: "95.00"),
            issuedOn: Fixtures.day, reason: .return, lines: [CreditNoteLine(sku: "MILK-1L", quantity: 1)])])
        let decided = try await TestStack.eventually(timeout: .seconds(60)) {
            let d = Decisions(try await reader.read())
            return ["API-1", "API-DISC-1", "API-HOLD-1"].allSatisfy { !d.types(of: $0).isEmpty }
        }
        #expect(decided, "the seeded orders were not decided")
        await reader.close()

        let planning = p["planning"].baseURL
        let head = p.token(.head)
        let plan = try await HTTP.send("PUT", "\(planning)/plans/kam-ivanova/2026-11", token: head,
                                       json: ["turnoverTarget": "100000.00", "activeClientsTarget": 12, "newClientsTarget": 2])
        #expect(plan.status == 200)
        let known = try await TestStack.eventually(timeout: .seconds(60)) {
            try await HTTP.get("\(planning)/clients/C-API-1/history?from=2026-11&to=2026-11", token: head).status == 200
        }
        #expect(known, "planning did not hear of C-API-1")
        let contact = try await HTTP.send("POST", "\(planning)/contacts", token: head, json: [
            "kamId": "kam-ivanova", "clientId": "C-API-1", "kind": "visit", "at": WireJSON.format(Date().addingTimeInterval(-3600)), "outcome": "договорились о поставке"])
        #expect([200, 201].contains(contact.status))
        try await seedDunning(p)
    }

    /// A second client with an invoice long past due, dunned once: receivables' lists
    /// (ageing, dunning, notices, collections) then have rows for the documents' examples.
    private func seedDunning(_ p: Platform4) async throws {
        try await p.publish(Topics.erpClients, key: "C-API-2", [Fixtures.client("C-API-2", kam: "kam-ivanova", limit: "5000.00")])
        try await p.publish(Topics.erpInvoices, key: "C-API-2", [InvoiceIssued(
            invoiceId: "INV-API-2", clientId: "C-API-2", orderId: nil, amount: try Money(parsing: "400.00"),
            issuedOn: try BusinessDate(parsing: "2026-10-01"), dueDate: try BusinessDate(parsing: "2026-10-31"))])
        let recv = p["receivables"].baseURL
        let head = p.token(.head)
        let known = try await TestStack.eventually(timeout: .seconds(60)) {
            let statement = try await HTTP.get("\(recv)/clients/C-API-2/statement?asOf=2026-11-30", token: head)
            return (statement.json["openInvoices"] as? [Any])?.count == 1 && statement.json["kamId"] as? String == "kam-ivanova"
        }
        #expect(known, "receivables did not record the seeded invoice")
        let run = try await HTTP.send("POST", "\(recv)/dunning/run", token: head, json: ["asOf": "2026-11-30"])
        #expect(run.status == 200, "the seeded dunning run: \(run.status) \(run.text)")
        // The day's own daily run may have dunned it first: either way one notice.
        let notices = try await HTTP.get("\(recv)/dunning/notices?clientId=C-API-2", token: head)
        #expect((notices.json["notices"] as? [Any])?.count == 1, "notices of C-API-2: \(notices.text)")
    }

    private func runSchemathesis(document: String, url: String, token: String) async throws -> (Int32, String) {
        guard let dir = Schemathesis.directory else { return (-1, "schemathesis is not installed") }
        let log = NSTemporaryDirectory() + "schemathesis-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(dir)/bin/st")
        process.arguments = ["run", document, "--url", url, "-H", "Authorization: Bearer \(token)",
                             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                             "--max-examples", "25", "--workers", "1", "--seed", "20261130"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["PYTHONPATH": dir, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""]) { _, new in new }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let status = try await LocalInfrastructure.exitStatus(of: process)
        try? handle.close()
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}

/// Where schemathesis (scripts/setup.sh) and the OpenAPI documents are.
enum Schemathesis {
    static var directory: String? {
        let dir = ProcessInfo.processInfo.environment["KAM_TEST_SCHEMATHESIS_DIR"] ?? "/opt/kam/schemathesis"
        return FileManager.default.fileExists(atPath: "\(dir)/bin/st") ? dir : nil
    }
    static var documents: String {
        (ProcessInfo.processInfo.environment["KAM_TEST_ROOT"] ?? FileManager.default.currentDirectoryPath) + "/docs/openapi"
    }
}
