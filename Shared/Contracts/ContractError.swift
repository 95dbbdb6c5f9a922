/// A message that breaks the wire contract (SPEC §2). The reason is meant for the
/// person reading the dead letter, so it names the JSON path and what was wrong,
/// e.g. `payload.lines[0].quantity: expected an integer, got 1.5`.
public struct ContractError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    /// The same problem, reported one level further out (e.g. under `payload`).
    func nested(under path: String) -> ContractError {
        ContractError(path + "." + reason)
    }
}
