import Synchronization

/// Runs work that must not wait for ever: past `limit` the caller gets `DeadlineExceeded`
/// (a transient failure) and the work is cancelled and left behind. Seen with PostgreSQL
/// killed while a connection was being leased: the lease never completed, so a consumer
/// loop waited for good without an error. The work runs in a task of its own, so even a
/// wait that ignores cancellation cannot hold the caller.
public enum Deadline {
    public struct Exceeded: Error, CustomStringConvertible {
        public let what: String
        public let limit: Duration
        public var description: String { "\(what) did not finish within \(limit)" }
    }

    public static func run<T: Sendable>(_ what: String, limit: Duration,
                                        _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.attach(continuation)
            let work = Task { once.finish(with: await Result(catching: body)) }
            Task {
                try? await Task.sleep(for: limit)
                if once.finish(with: .failure(Exceeded(what: what, limit: limit))) { work.cancel() }
            }
        }
    }

    /// Resumes the continuation with whichever result comes first.
    private final class Once<T: Sendable>: Sendable {
        private let state = Mutex<(CheckedContinuation<T, any Error>?, Bool)>((nil, false))

        func attach(_ c: CheckedContinuation<T, any Error>) { state.withLock { $0.0 = c } }

        @discardableResult
        func finish(with result: Result<T, any Error>) -> Bool {
            let c: CheckedContinuation<T, any Error>? = state.withLock { s in
                guard !s.1, let c = s.0 else { return nil }
                s.1 = true
                s.0 = nil
                return c
            }
            guard let c else { return false }
            c.resume(with: result)
            return true
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
