import Foundation

/// The envelope fields alone, read before the payload so that routing problems
/// (unknown type, unknown schemaVersion) are reported as such rather than as
/// whatever the payload decoder trips over first.
struct EnvelopeHeader: Decodable {
    var messageId: String
    var type: String
    var schemaVersion: Int
    var occurredAt: Date
    var correlationId: String?

    static func decode(_ value: [UInt8]) throws(ContractError) -> EnvelopeHeader {
        let header = try WireDecoding.decode(EnvelopeHeader.self, from: value)
        // messageId is the idempotency key (SPEC §2): an empty one cannot be honoured.
        try Check.nonEmpty(header.messageId, "messageId")
        return header
    }

    func check(type expected: String) throws(ContractError) {
        guard type == expected else {
            throw ContractError("type: expected '\(expected)', got '\(type)'")
        }
        try checkSchemaVersion()
    }

    /// What every reader checks of an envelope beyond its JSON types: a messageId (the
    /// idempotency key) and schemaVersion 1.
    static func checkIdentity(messageId: String, schemaVersion: Int, type: String) throws(ContractError) {
        try Check.nonEmpty(messageId, "messageId")
        guard schemaVersion == 1 else {
            throw ContractError("schemaVersion: unsupported version \(schemaVersion) of '\(type)' (supported: 1)")
        }
    }

    func checkIdentity() throws(ContractError) {
        try Self.checkIdentity(messageId: messageId, schemaVersion: schemaVersion, type: type)
    }

    func checkSchemaVersion() throws(ContractError) {
        guard schemaVersion == 1 else {
            throw ContractError("schemaVersion: unsupported version \(schemaVersion) of '\(type)' (supported: 1)")
        }
    }
}
