import Contracts
import Foundation
import ServiceKit
import ServiceLifecycle

/// The daily dunning run at KAM_DUNNING_RUN_AT company time (SPEC 5.3: 06:00). Every
/// instance keeps this schedule; the first to start a date's run claims it (`dunning_runs`,
/// unique per date for daily runs, in the run's transaction), the others find it done. A
/// crash before the commit leaves the date unclaimed, so a restart catches it up.
final class DailyDunning: Service, Sendable {
    let platform: Platform
    let dunning: DunningRun
    let time: TimeOfDay

    init(platform: Platform, dunning: DunningRun, time: TimeOfDay) {
        self.platform = platform
        self.dunning = dunning
        self.time = time
    }

    func run() async throws {
        var lastDone: BusinessDate?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = platform.clock()
            switch DailySchedule.next(now: now, lastDone: lastDone, at: time, calendar: platform.calendar) {
            case .run(let date):
                do {
                    let summary = try await platform.transaction { context in
                        try await dunning.execute(asOf: date, trigger: .daily, requestedBy: "daily run \(time)", context: context)
                    }
                    lastDone = date
                    platform.logger.info(summary.runId == nil ? "daily dunning run already done" : "daily dunning run done", metadata: [
                        "asOf": "\(date)", "notices": "\(summary.notices.count)", "resets": "\(summary.resets.count)"])
                } catch {
                    platform.logger.warning("daily dunning run failed; retrying in a minute", metadata: [
                        "asOf": "\(date)", "error": "\(String(reflecting: error))"])
                    await ShutdownAware.sleep(for: .seconds(60))
                }
            case .wait(let until):
                // At most five minutes at a time: a changed system clock is noticed soon.
                let seconds = min(max(until.timeIntervalSince(now), 0.1), 300)
                await ShutdownAware.sleep(for: .milliseconds(Int(seconds * 1000)))
            }
        }
    }
}
