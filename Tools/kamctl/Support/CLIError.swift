import Kafka
import PostgresNIO
import ServiceKit

/// A failure reported as one line. ArgumentParser prints "Error: <description>" and exits
/// with status 1 for errors that are not its own.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }

    /// Runs `body`, turning any error into one line that starts with `what`.
    static func wrap<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(what): \(oneLine(error))")
        }
    }

    /// The readable part of errors whose default description is vague or multi-line.
    static func oneLine(_ error: any Error) -> String {
        let text: String
        switch error {
        case let e as KafkaError: text = e.message
        case let e as ConfigurationError: text = e.problems.joined(separator: "; ")
        case let e as PSQLError: text = describe(e)
        default: text = String(describing: error)
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // PSQLError hides its details from `description` on purpose; the server's message is safe to show.
    private static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
