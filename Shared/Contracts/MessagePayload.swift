/// The body of one message type. `validate()` holds the contract checks that
/// types alone cannot express (negative money, percentages out of range, empty
/// ids). Business problems — a quantity ≤ 0, a duplicate lineNo, no lines —
/// must pass: they become decisions, not dead letters (SPEC §2).
public protocol MessagePayload: Codable, Sendable {
    static var messageType: String { get }
    /// Reasons name paths relative to the payload ("lines[0].quantity: …").
    func validate() throws(ContractError)
    /// Whether new messages of this type get time-ordered ids (`MessageId`); true unless a type
    /// says otherwise.
    static var timeOrderedIds: Bool { get }
}

extension MessagePayload {
    public static var timeOrderedIds: Bool { true }
}
