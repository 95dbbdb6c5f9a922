import Foundation

/// A type read straight from parsed JSON, bypassing Codable on the hot paths (the order
/// document, the messages of an order's way to its decision). It is only a faster way to the
/// same value: anything unexpected — a missing or duplicated key, a wrong JSON type, a number
/// that is not a plain integer, text a field's parser refuses — throws `JSONInput.Refused`, and
/// the caller then decodes with Foundation, whose verdict and error message stand.
/// DirectJSONReadableTests check each type against its Codable decoding.
public protocol DirectJSONReadable {
    init(json: JSONInput.Object) throws(JSONInput.Refused)
}

public enum JSONInput {
    public struct Refused: Error {}

    /// A parsed value. Numbers keep their text; objects keep their members in order.
    public enum Node {
        case null
        case bool(Bool)
        case number(ArraySlice<UInt8>)
        case string(String)
        case array([Node])
        case object(Object)
    }

    /// Parses one JSON text (RFC 8259, strictly: anything unusual is refused, not guessed at).
    public static func parse(_ bytes: [UInt8]) throws(Refused) -> Node {
        var parser = Parser(bytes: bytes)
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw Refused() }
        return node
    }

    /// The object at the top of `bytes`, read as `T`.
    public static func read<T: DirectJSONReadable>(_ type: T.Type, from bytes: [UInt8]) throws(Refused) -> T {
        guard case .object(let object) = try parse(bytes) else { throw Refused() }
        return try T(json: object)
    }

    public struct Object {
        let members: [(key: String, value: Node)]

        /// The value of `key`; nil when absent. A key given twice is refused.
        public func node(_ key: String) throws(Refused) -> Node? {
            var found: Node?
            for member in members where member.key == key {
                guard found == nil else { throw Refused() }
                found = member.value
            }
            return found
        }

        /// Present and not null (as Codable's `decode`).
        public func required(_ key: String) throws(Refused) -> Node {
            guard let node = try node(key) else { throw Refused() }
            if case .null = node { throw Refused() }
            return node
        }

        /// Absent or null is nil (as Codable's `decodeIfPresent`).
        public func optional(_ key: String) throws(Refused) -> Node? {
            guard let node = try node(key) else { return nil }
            if case .null = node { return nil }
            return node
        }

        public func string(_ key: String) throws(Refused) -> String { try required(key).string() }
        public func string(ifPresent key: String) throws(Refused) -> String? { try optional(key)?.string() }
        public func int(_ key: String) throws(Refused) -> Int { try required(key).integer(Int.self) }
        public func int64(_ key: String) throws(Refused) -> Int64 { try required(key).integer(Int64.self) }
        public func date(_ key: String) throws(Refused) -> Date { try required(key).date() }
        public func date(ifPresent key: String) throws(Refused) -> Date? { try optional(key)?.date() }
        public func money(_ key: String) throws(Refused) -> Money { Money(kopecks: try FixedPoint2.read(try string(key))) }
        public func percent(_ key: String) throws(Refused) -> Percent { Percent(hundredths: try FixedPoint2.read(try string(key))) }
        public func percent(ifPresent key: String) throws(Refused) -> Percent? {
            try string(ifPresent: key).map { text throws(Refused) in Percent(hundredths: try FixedPoint2.read(text)) }
        }
        public func businessDate(_ key: String) throws(Refused) -> BusinessDate { try required(key).businessDate() }
        public func businessDate(ifPresent key: String) throws(Refused) -> BusinessDate? { try optional(key)?.businessDate() }
        public func value<E: RawRepresentable>(_ key: String, as type: E.Type = E.self) throws(Refused) -> E where E.RawValue == String {
            guard let value = E(rawValue: try string(key)) else { throw Refused() }
            return value
        }
        public func object<T: DirectJSONReadable>(_ key: String, as type: T.Type = T.self) throws(Refused) -> T {
            try required(key).read(T.self)
        }
        public func object<T: DirectJSONReadable>(ifPresent key: String, as type: T.Type = T.self) throws(Refused) -> T? {
            try optional(key)?.read(T.self)
        }
        public func array<T: DirectJSONReadable>(_ key: String, of type: T.Type = T.self) throws(Refused) -> [T] {
            try required(key).array(of: T.self)
        }
        public func array<T: DirectJSONReadable>(ifPresent key: String, of type: T.Type = T.self) throws(Refused) -> [T]? {
            try optional(key)?.array(of: T.self)
        }
    }
}

extension JSONInput.Node {
    func string() throws(JSONInput.Refused) -> String {
        guard case .string(let text) = self else { throw JSONInput.Refused() }
        return text
    }

    /// A plain JSON integer (no fraction, no exponent) that fits `I`.
    func integer<I: FixedWidthInteger>(_ type: I.Type) throws(JSONInput.Refused) -> I {
        guard case .number(let text) = self, let value = I(String(decoding: text, as: UTF8.self), radix: 10) else {
            throw JSONInput.Refused()
        }
        return value
    }

    func date() throws(JSONInput.Refused) -> Date {
        guard let date = RFC3339.parse(try string()) else { throw JSONInput.Refused() }
        return date
    }

    func businessDate() throws(JSONInput.Refused) -> BusinessDate {
        do { return try BusinessDate(parsing: try string()) } catch { throw JSONInput.Refused() }
    }

    func read<T: DirectJSONReadable>(_ type: T.Type) throws(JSONInput.Refused) -> T {
        guard case .object(let object) = self else { throw JSONInput.Refused() }
        return try T(json: object)
    }

    func array<T: DirectJSONReadable>(of type: T.Type) throws(JSONInput.Refused) -> [T] {
        guard case .array(let nodes) = self else { throw JSONInput.Refused() }
        var values: [T] = []
        values.reserveCapacity(nodes.count)
        for node in nodes { values.append(try node.read(T.self)) }
        return values
    }
}

extension FixedPoint2 {
    static func read(_ text: String) throws(JSONInput.Refused) -> Int64 {
        do { return try parse(text, what: "") } catch { throw JSONInput.Refused() }
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0

    /// Deeper nesting than any document of ours is refused (and left to Foundation).
    static let maximumDepth = 64

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func value(depth: Int) throws(JSONInput.Refused) -> JSONInput.Node {
        guard depth < Self.maximumDepth else { throw JSONInput.Refused() }
        skipWhitespace()
        guard index < bytes.count else { throw JSONInput.Refused() }
        switch bytes[index] {
        case 0x7B: return .object(try object(depth: depth))
        case 0x5B: return .array(try array(depth: depth))
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func object(depth: Int) throws(JSONInput.Refused) -> JSONInput.Object {
        index += 1
        var members: [(key: String, value: JSONInput.Node)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7D { index += 1; return JSONInput.Object(members: members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x22 else { throw JSONInput.Refused() }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3A else { throw JSONInput.Refused() }
            index += 1
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw JSONInput.Refused() }
            if bytes[index] == 0x2C { index += 1; continue }
            guard bytes[index] == 0x7D else { throw JSONInput.Refused() }
            index += 1
            return JSONInput.Object(members: members)
        }
    }

    mutating func array(depth: Int) throws(JSONInput.Refused) -> [JSONInput.Node] {
        index += 1
        var nodes: [JSONInput.Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5D { index += 1; return nodes }
        while true {
            nodes.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw JSONInput.Refused() }
            if bytes[index] == 0x2C { index += 1; continue }
            guard bytes[index] == 0x5D else { throw JSONInput.Refused() }
            index += 1
            return nodes
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONInput.Refused) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw JSONInput.Refused() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw JSONInput.Refused() }
        index += count
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    mutating func number() throws(JSONInput.Refused) -> ArraySlice<UInt8> {
        let start = index
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        guard digit(index) else { throw JSONInput.Refused() }
        if bytes[index] == 0x30 { index += 1 } else { while digit(index) { index += 1 } }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard digit(index) else { throw JSONInput.Refused() }
            while digit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digit(index) else { throw JSONInput.Refused() }
            while digit(index) { index += 1 }
        }
        return bytes[start..<index]
    }

    /// A string without escapes is taken as it is; escapes are decoded, `\u0000` and lone
    /// surrogates refused. Raw control characters are refused, as JSON requires.
    mutating func string() throws(JSONInput.Refused) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == 0x5C { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw JSONInput.Refused() }
            index += 1
        }
        throw JSONInput.Refused()
    }

    private mutating func escapedString(from start: Int) throws(JSONInput.Refused) -> String {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case 0x5C:
                index += 1
                guard index < bytes.count else { throw JSONInput.Refused() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: utf8.append(escape)
                case 0x62: utf8.append(0x08)
                case 0x66: utf8.append(0x0C)
                case 0x6E: utf8.append(0x0A)
                case 0x72: utf8.append(0x0D)
                case 0x74: utf8.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else { throw JSONInput.Refused() }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw JSONInput.Refused() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard scalar != 0, let unicode = Unicode.Scalar(scalar) else { throw JSONInput.Refused() }
                    utf8.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    throw JSONInput.Refused()
                }
            default:
                guard byte >= 0x20 else { throw JSONInput.Refused() }
                utf8.append(byte)
                index += 1
            }
        }
        throw JSONInput.Refused()
    }

    private mutating func hex4() throws(JSONInput.Refused) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONInput.Refused() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw JSONInput.Refused()
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
