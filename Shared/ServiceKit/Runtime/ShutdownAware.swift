import ServiceLifecycle

/// Waiting in background loops. A loop that sleeps between rounds (an hour for the inbox
/// purge) must wake when SIGTERM arrives: otherwise the whole shutdown waits for the service
/// group's cancellation deadline, and an orchestrator's grace period may run out first.
public enum ShutdownAware {
    /// Sleeps for `duration`, ending early on graceful shutdown or cancellation.
    public static func sleep(for duration: Duration) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }
}
