import Dispatch

/// A dedicated serial thread for blocking librdkafka calls, so they never occupy
/// Swift's cooperative thread pool.
final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs without waiting for the result (the body reports back by itself).
    func runDetached(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
