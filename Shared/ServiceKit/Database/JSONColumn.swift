import Contracts
import Foundation

/// Values kept in jsonb columns, written and read with the wire conventions
/// (money as 2-decimal strings, RFC 3339 timestamps), so a stored document reads like a message.
public enum JSONColumn {
    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try WireJSON.encode(value), as: UTF8.self)
    }

    /// For a jsonb column only: keys unsorted (jsonb keeps its own order), which is cheaper.
    public static func document(_ value: some Encodable) throws -> String {
        String(decoding: try WireJSON.encodeDocument(value), as: UTF8.self)
    }

    /// Types that read themselves (DirectJSONReadable) are read directly; in any doubt, and for
    /// every other type, Foundation's decoder reads the value.
    public static func value<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        if let readable = T.self as? any DirectJSONReadable.Type, let value = directRead(readable, text) as? T { return value }
        return try WireJSON.sharedDecoder.decode(T.self, from: Data(text.utf8))
    }

    private static func directRead<R: DirectJSONReadable>(_ type: R.Type, _ text: String) -> R? {
        try? JSONInput.read(R.self, from: Array(text.utf8))
    }
}
