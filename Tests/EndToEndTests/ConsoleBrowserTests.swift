import Console
import Contracts
import Foundation
import ServiceKit
import Testing
import TestSupport

/// The console in headless Chromium (Tests/Browser/console_flow.py) against the four real
/// services and the real console: what the head clicks reaches the ERP topic, a KAM never
/// sees another KAM's client, forged forms are refused.
@Suite("End to end: the console in a real browser", .serialized, .enabled(if: TestStack.isAvailable && Browser.isAvailable))
struct ConsoleBrowserTests {
    static let password = "demo-password-1"

    @Test("the head approves and rejects credit holds and discounts above a KAM's authority; a KAM logs a call from its week and the plan changes, and sees only its own clients; a KAM is refused another KAM's client and the head's actions")
    func headAndKam() async throws {
        try await Platform4.with { p in
            let reader = try p.reader([Topics.orderDecisions])
            try await p.publish(Topics.erpPriceLists, key: Fixtures.priceList.priceListId, [Fixtures.priceList])
            try await p.publish(Topics.erpClients, key: "C-WEB-1", [Fixtures.client("C-WEB-1", kam: "kam-ivanova", limit: "5000.00")])
            try await p.publish(Topics.erpClients, key: "C-WEB-2", [Fixtures.client("C-WEB-2", kam: "kam-petrov", limit: "90000.00")])
            // A prospect nobody has spoken to: the KAM's contact plan calls it until a contact is logged.
            try await p.publish(Topics.erpClients, key: "C-WEB-3", [Fixtures.client("C-WEB-3", kam: "kam-petrov", limit: "0.00", status: .prospect)])
            // Petrov may give up to 3.00 %: 10.00 % and 12.00 % wait for the head.
            try await p.publish(Topics.erpClients, key: "C-WEB-4", [Fixtures.client("C-WEB-4", kam: "kam-petrov", limit: "90000.00")])
            // Each beyond the limit on its own: three credit holds.
            try await p.publish(Topics.erpOrders, key: "C-WEB-1", [
                Fixtures.order("WEB-HOLD-1", client: "C-WEB-1", [("MILK-1L", 100)]),
                Fixtures.order("WEB-HOLD-2", client: "C-WEB-1", [("MILK-1L", 110)]),
                Fixtures.order("WEB-HOLD-3", client: "C-WEB-1", [("MILK-1L", 120)]),
            ])
            try await p.publish(Topics.erpOrders, key: "C-WEB-2", [Fixtures.order("WEB-PETROV-1", client: "C-WEB-2", [("MILK-1L", 5)])])
            try await p.publish(Topics.erpOrders, key: "C-WEB-4", [
                Fixtures.order("WEB-DISC-1", client: "C-WEB-4", [("MILK-1L", 10)], discount: "10.00"),
                Fixtures.order("WEB-DISC-2", client: "C-WEB-4", [("MILK-1L", 5)], discount: "12.00"),
            ])
            let held = try await TestStack.eventually(timeout: .seconds(60)) {
                let d = Decisions(try await reader.read())
                return ["WEB-HOLD-1", "WEB-HOLD-2", "WEB-HOLD-3"].allSatisfy { d.types(of: $0) == ["OrderOnHold"] }
                    && d.types(of: "WEB-PETROV-1") == ["OrderConfirmed"]
                    && ["WEB-DISC-1", "WEB-DISC-2"].allSatisfy { d.types(of: $0) == ["OrderOnHold"] }
            }
            try #require(held, "the seeded orders were not held or confirmed")

            let console = try await startConsole(p)
            defer { Task { await console.stop() } }
            let (status, output) = try await runBrowser(console: console.baseURL)
            #expect(status == 0, "the browser flow failed:\n\(output)")

            let decided = try await TestStack.eventually(timeout: .seconds(60)) {
                let d = Decisions(try await reader.read())
                return ["WEB-HOLD-1", "WEB-HOLD-2", "WEB-DISC-1", "WEB-DISC-2"].allSatisfy { d.types(of: $0).count == 2 }
            }
            #expect(decided, "the head's decisions did not reach the ERP topic")
            let d = Decisions(try await reader.read())
            #expect(d.types(of: "WEB-HOLD-1") == ["OrderOnHold", "OrderConfirmed"])
            #expect(d.confirmed("WEB-HOLD-1")?.total.description == "9500.00")
            #expect(d.types(of: "WEB-HOLD-2") == ["OrderOnHold", "OrderRejected"])
            // The discount the head approved in the browser: credit passes it, confirmed at 10.00 %
            // (10 × 95.00 − 10 %) with the head as approver; the one rejected carries the comment.
            #expect(d.onHold("WEB-DISC-1")?.reasons.map(\.code) == ["DISCOUNT_APPROVAL_REQUIRED"])
            #expect(d.types(of: "WEB-DISC-1") == ["OrderOnHold", "OrderConfirmed"])
            let discounted = d.confirmed("WEB-DISC-1")
            #expect(discounted?.total.description == "855.00")
            #expect(discounted?.discountPercent.description == "10.00")
            #expect(discounted?.approvedBy == "head")
            #expect(d.types(of: "WEB-DISC-2") == ["OrderOnHold", "OrderRejected"])
            #expect(d.rejected("WEB-DISC-2")?.reasons == [Reason(code: "DISCOUNT_REJECTED", message: "скидка не согласована")])
            // The KAM's forged approval changed nothing.
            #expect(d.types(of: "WEB-HOLD-3") == ["OrderOnHold"])
            #expect(console.isRunning)
            await console.stop()
            await reader.close()
        }
    }

    /// The console on the platform's services, with a head and a KAM who can sign in.
    private func startConsole(_ p: Platform4) async throws -> ServiceProcess {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["console"])
        let console = ServiceProcess(name: "console", port: freePort(), environment: [
            "DATABASE_URL": urls["console"]!.urlString,
            "KAM_JWT_SECRET": p.secret,
            "KAM_TIMEZONE": "Europe/Moscow",
            "ORDERS_URL": p["orders"].baseURL, "CREDIT_URL": p["credit"].baseURL,
            "RECEIVABLES_URL": p["receivables"].baseURL, "PLANNING_URL": p["planning"].baseURL,
            "LOG_LEVEL": "info",
        ], logDir: p.logDir)
        try console.start()
        try await console.waitReady()
        let connection = try await urls["console"]!.connect(logger: TestStack.logger)
        let store = UserStore(connection: connection, logger: TestStack.logger)
        let hash = await Passwords.hash(Self.password)
        try await store.add(ConsoleUser(login: "head", displayName: "Руководитель продаж", role: .head, kamId: nil), passwordHash: hash)
        try await store.add(ConsoleUser(login: "kam-petrov", displayName: "Петров", role: .kam, kamId: "kam-petrov"), passwordHash: hash)
        try await connection.close()
        return console
    }

    private func runBrowser(console: String) async throws -> (Int32, String) {
        let log = NSTemporaryDirectory() + "console-browser-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "\(Browser.root)/Tests/Browser/console_flow.py"]
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "CONSOLE_URL": console, "HEAD_LOGIN": "head", "KAM_LOGIN": "kam-petrov", "PASSWORD": Self.password,
            "APPROVE_ORDER": "WEB-HOLD-1", "REJECT_ORDER": "WEB-HOLD-2", "KEEP_ORDER": "WEB-HOLD-3",
            "OTHER_KAMS_CLIENT": "C-WEB-1", "PROSPECT": "C-WEB-3", "KAM_SELENIUM_DIR": Browser.selenium,
            "DISCOUNT_APPROVE": "WEB-DISC-1", "DISCOUNT_REJECT": "WEB-DISC-2", "OWN_CLIENTS": "C-WEB-2,C-WEB-3,C-WEB-4",
        ]) { _, new in new }
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let status = try await LocalInfrastructure.exitStatus(of: process)
        try? handle.close()
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}

/// Chromium, its WebDriver and the Python WebDriver client (scripts/setup.sh installs them).
enum Browser {
    static var selenium: String { ProcessInfo.processInfo.environment["KAM_TEST_SELENIUM_DIR"] ?? "/opt/kam/selenium" }
    static var root: String { ProcessInfo.processInfo.environment["KAM_TEST_ROOT"] ?? FileManager.default.currentDirectoryPath }

    static var isAvailable: Bool {
        let fm = FileManager.default
        return fm.isExecutableFile(atPath: "/usr/bin/chromium") && fm.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && fm.fileExists(atPath: "\(selenium)/selenium")
    }
}
