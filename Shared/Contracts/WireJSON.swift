import Foundation

/// The one JSON configuration every service uses for Kafka values (SPEC §2).
public enum WireJSON {
    /// Timestamps must be RFC 3339 (fractional seconds and offsets optional);
    /// anything else is a decoding error at that field's path.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try WireString.decode(Date.self, from: decoder)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid timestamp \"\(text)\": expected RFC 3339, like \"2026-11-30T07:15:00Z\""))
            }
            return date
        }
        return decoder
    }

    /// UTC timestamps ("2026-11-30T07:15:00Z", ".123" only when nonzero) and
    /// sorted keys, so equal messages are byte-identical.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        return encoder
    }

    /// Configured once and shared (JSONDecoder and JSONEncoder may be used from several threads)
    /// rather than built for every value.
    public static let sharedDecoder = decoder()
    public static let sharedEncoder = encoder()
    /// For jsonb columns, which keep keys in their own order: sorting them (a quarter of the
    /// orders service's encoding time) buys nothing there.
    public static let documentEncoder: JSONEncoder = {
        let documents = encoder()
        documents.outputFormatting = [.withoutEscapingSlashes]
        return documents
    }()

    private static let directWire = DirectJSONEncoder(sortedKeys: true)
    private static let directDocument = DirectJSONEncoder(sortedKeys: false)

    /// A Kafka value or API body: the bytes `sharedEncoder` gives, written directly when
    /// `DirectJSONEncoder` can (a few times faster), else by Foundation.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        do {
            return try directWire.encode(value)
        } catch is DirectJSONEncoder.Unsupported {
            return [UInt8](try sharedEncoder.encode(value))
        }
    }

    /// As `encode`, keys in the order the value encodes them (for jsonb, which keeps its own).
    public static func encodeDocument(_ value: some Encodable) throws -> [UInt8] {
        do {
            return try directDocument.encode(value)
        } catch is DirectJSONEncoder.Unsupported {
            return [UInt8](try documentEncoder.encode(value))
        }
    }

    public static func format(_ date: Date) -> String { RFC3339.format(date) }

    public static func parseTimestamp(_ text: String) -> Date? { RFC3339.parse(text) }
}
