import Contracts
import Foundation

/// `POST /contacts` body: a call or visit that happened.
public struct ContactRequest: Decodable, Sendable, Equatable {
    public var kamId: String
    public var clientId: String
    public var kind: ContactKind
    public var at: Date
    public var outcome: String
    public var note: String?

    public init(kamId: String, clientId: String, kind: ContactKind, at: Date, outcome: String, note: String? = nil) {
        self.kamId = kamId
        self.clientId = clientId
        self.kind = kind
        self.at = at
        self.outcome = outcome
        self.note = note
    }
}

/// A logged contact as `POST /contacts` and `GET /contacts` show it.
public struct ContactRecord: Codable, Sendable, Equatable {
    public var contactId: String
    public var kamId: String
    public var clientId: String
    public var kind: ContactKind
    public var at: Date
    /// The business date of `at`: what the plan's "no contact in N days" counts.
    public var date: BusinessDate
    public var outcome: String
    @NullWhenAbsent public var note: String?
    public var loggedBy: String
    public var loggedAt: Date
}

public enum ContactLogRules {
    /// A contact is logged after it happened; a little clock skew between devices is fine.
    public static let allowedClockSkew: TimeInterval = 300
    public static let maxIdLength = 100
    public static let maxOutcomeLength = 200
    public static let maxNoteLength = 2000

    /// The request with its text trimmed (a blank note is none), or why it is refused.
    public static func validated(_ r: ContactRequest, now: Date) throws(ContractError) -> ContactRequest {
        var clean = r
        clean.kamId = try text(r.kamId, "kamId", max: maxIdLength)
        clean.clientId = try text(r.clientId, "clientId", max: maxIdLength)
        clean.outcome = try text(r.outcome, "outcome", max: maxOutcomeLength)
        let note = r.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > maxNoteLength { throw ContractError("note: at most \(maxNoteLength) characters") }
        clean.note = note?.isEmpty == false ? note : nil
        if r.at.timeIntervalSince(now) > allowedClockSkew {
            throw ContractError("at: \(WireJSON.format(r.at)) is in the future; log a contact once it happened")
        }
        return clean
    }

    private static func text(_ value: String, _ field: String, max: Int) throws(ContractError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw ContractError("\(field): must not be blank") }
        if trimmed.count > max { throw ContractError("\(field): at most \(max) characters") }
        return trimmed
    }
}
