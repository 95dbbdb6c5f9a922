import Contracts
import Testing
@testable import ServiceKit

/// Which failures are retried and which dead-letter a message (docs/decisions.md).
@Suite struct FailureClassifierTests {
    @Test(arguments: [
        ("08006", FailureKind.transient),  // connection failure
        ("08001", .transient),             // cannot connect
        ("40001", .transient),             // serialization failure
        ("40P01", .transient),             // deadlock detected
        ("55P03", .transient),             // lock not available (lock_timeout)
        ("57014", .transient),             // query cancelled (statement_timeout)
        ("57P01", .transient),             // admin shutdown
        ("57P02", .transient),             // crash shutdown
        ("57P03", .transient),             // cannot connect now (starting up)
        ("53300", .transient),             // too many connections
        ("58030", .transient),             // I/O error
        ("23505", .transient),             // unique violation: a concurrent writer won
        ("23P01", .transient),             // exclusion violation: likewise
        ("42P01", .transient),             // undefined table: our bug or a migration race, never the message's
        ("22003", .permanent),             // numeric value out of range
        ("22P02", .permanent),             // invalid text representation
        ("22021", .permanent),             // character not in repertoire
        ("23502", .permanent),             // not null violation
        ("23514", .permanent),             // check violation
        ("54000", .permanent),             // program limit exceeded (a value too large)
    ])
    func sqlStates(_ state: String, _ kind: FailureKind) {
        #expect(FailureClassifier.classify(sqlState: state) == kind, "\(state)")
    }

    struct DomainProblem: PermanentFailure {}
    struct Unknown: Error {}

    @Test func errorsOfOurOwn() {
        #expect(FailureClassifier.classify(ContractError("bad")) == .permanent)
        #expect(FailureClassifier.classify(DomainProblem()) == .permanent)
        #expect(FailureClassifier.classify(Unknown()) == .transient, "what we cannot tell is retried, never dead-lettered")
        #expect(FailureClassifier.classify(CancellationError()) == .transient)
    }

    @Test func backoffDoublesUpToItsCap() {
        let b = Backoff(first: .milliseconds(100), cap: .seconds(5))
        #expect((1...8).map { b.delay(attempt: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
            .milliseconds(1600), .milliseconds(3200), .seconds(5), .seconds(5)])
        #expect(b.delay(attempt: 1_000) == .seconds(5))
    }
}
