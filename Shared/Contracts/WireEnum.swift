/// A closed set of string values on the wire. Decoding an unknown value names
/// the allowed ones, so the dead letter says how to fix the message.
public protocol WireEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {}

extension WireEnum {
    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(Self.self, from: decoder)
        guard let value = Self(rawValue: text) else {
            let allowed = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "invalid value \"\(text)\": expected one of \(allowed)"))
        }
        self = value
    }
}
