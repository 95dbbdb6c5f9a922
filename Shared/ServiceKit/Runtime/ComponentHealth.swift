import Foundation
import Synchronization

/// Whether one part of a service works right now, and if not, since when and why: what
/// `/health/ready` reports. A short hiccup (one retried deadlock) does not flip readiness;
/// a failure that lasts longer than the grace period does.
public final class ComponentHealth: Sendable {
    public let name: String
    private let state = Mutex<State>(State())

    private struct State {
        var failingSince: ContinuousClock.Instant?
        var reason: String?
    }

    public init(name: String) { self.name = name }

    public func ok() {
        state.withLock { $0 = State() }
    }

    public func failing(_ reason: String) {
        state.withLock { s in
            if s.failingSince == nil { s.failingSince = .now }
            s.reason = reason
        }
    }

    /// nil when healthy (or failing for less than `grace`), else why not.
    public func problem(grace: Duration = .seconds(1)) -> String? {
        state.withLock { s in
            guard let since = s.failingSince, ContinuousClock.now - since >= grace else { return nil }
            return s.reason ?? "failing"
        }
    }
}
