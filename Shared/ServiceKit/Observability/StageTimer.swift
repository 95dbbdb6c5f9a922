/// Time spent per stage of one batch (decode, inbox, handle, …), for
/// `kam_stage_seconds{part,stage}`: where a service's time goes, without a profiler.
public struct StageTimer: Sendable {
    private var last: ContinuousClock.Instant
    public private(set) var laps: [(String, Duration)] = []

    public init(_ start: ContinuousClock.Instant = .now) { last = start }

    /// Ends the stage called `name` now.
    public mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        laps.append((name, now - last))
        last = now
    }
}
