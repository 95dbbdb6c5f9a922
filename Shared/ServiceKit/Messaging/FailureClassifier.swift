import Contracts
import Kafka
import PostgresNIO

/// What to do when handling a message failed.
public enum FailureKind: Sendable, Equatable {
    /// The environment failed (database, broker, network, a lock, a timeout) or we cannot
    /// tell: retry the same message later; never dead-letter it.
    case transient
    /// The message itself cannot be handled, now or ever: dead-letter it and move on.
    case permanent
}

/// A handler throws an error of a type conforming to this when a message can never be
/// handled (a deterministic domain problem that is not a business decision).
public protocol PermanentFailure: Error {}

/// Sorts errors into transient and permanent (docs/decisions.md, "Transient or permanent").
/// Only what is known to be deterministic is permanent; everything else is retried.
public enum FailureClassifier {
    public static func classify(_ error: any Error) -> FailureKind {
        switch error {
        case let wrapped as PostgresTransactionError:
            // BEGIN, COMMIT and ROLLBACK failing are the connection's fault; the body decides.
            if let body = wrapped.closureError { return classify(body) }
            return .transient
        case is ContractError, is any PermanentFailure:
            return .permanent
        case let psql as PSQLError:
            guard psql.code == .server, let state = psql.serverInfo?[.sqlState] else { return .transient }
            return classify(sqlState: state)
        default:
            return .transient
        }
    }

    /// PostgreSQL SQLSTATE codes (appendix A of its manual). Data exceptions and integrity
    /// violations are properties of the data a message carries; a unique or exclusion
    /// violation can also be a race with a concurrent writer, so those are retried.
    public static func classify(sqlState: String) -> FailureKind {
        switch sqlState {
        case "23505", "23P01": return .transient
        default: break
        }
        switch sqlState.prefix(2) {
        case "22", // data exception: value out of range, invalid text for a type, …
             "23", // integrity constraint violation (not null, check, foreign key)
             "54": // program limit exceeded: a value or statement too large
            return .permanent
        default:
            // 08 connection, 40 serialization/deadlock, 53 resources, 55 lock not
            // available, 57 operator intervention (shutdown, statement timeout), 58 system,
            // and anything else we cannot be sure about.
            return .transient
        }
    }
}
