import Foundation

/// A type that writes its own JSON, bypassing Codable on the hot paths (the order document,
/// the messages of an order's way to its decision). It must write what its Codable encoding
/// writes with WireJSON's sorted encoder, byte for byte: members in sorted key order, absent
/// optionals left out, `NullWhenAbsent` ones as null. DirectJSONWritableTests compare the two
/// for every conforming type with every field set.
public protocol DirectJSONWritable {
    func writeJSON(to out: inout JSONOutput)
}

/// JSON bytes being written. A comma goes before a member or element whenever the last byte
/// written is not the `{` or `[` that opened it, so writers need not count.
public struct JSONOutput {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: structure

    public mutating func beginObject() { bytes.append(0x7B) }
    public mutating func endObject() { bytes.append(0x7D) }
    public mutating func beginArray() { bytes.append(0x5B) }
    public mutating func endArray() { bytes.append(0x5D) }

    /// Before an array element.
    public mutating func element() {
        if let last = bytes.last, last != 0x7B, last != 0x5B { bytes.append(0x2C) }
    }

    /// `"key":`, after a comma if needed. Keys are plain ASCII names: written as they are.
    public mutating func key(_ key: StaticString) {
        element()
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    // MARK: members

    public mutating func member(_ key: StaticString, _ value: String) { self.key(key); string(value) }
    public mutating func member(_ key: StaticString, _ value: Int) { self.key(key); integer(value) }
    public mutating func member(_ key: StaticString, _ value: Int64) { self.key(key); integer(value) }
    public mutating func member(_ key: StaticString, _ value: Bool) { self.key(key); bool(value) }
    public mutating func member(_ key: StaticString, _ value: Date) { self.key(key); string(RFC3339.format(value)) }
    public mutating func member(_ key: StaticString, _ value: Money) { self.key(key); string(value.description) }
    public mutating func member(_ key: StaticString, _ value: Percent) { self.key(key); string(value.description) }
    public mutating func member(_ key: StaticString, _ value: BusinessDate) { self.key(key); string(value.description) }
    public mutating func member<E: RawRepresentable>(_ key: StaticString, _ value: E) where E.RawValue == String {
        self.key(key)
        string(value.rawValue)
    }
    public mutating func member(_ key: StaticString, _ value: some DirectJSONWritable) {
        self.key(key)
        value.writeJSON(to: &self)
    }
    public mutating func member(_ key: StaticString, _ values: [some DirectJSONWritable]) {
        self.key(key)
        beginArray()
        for value in values {
            element()
            value.writeJSON(to: &self)
        }
        endArray()
    }

    /// Left out when nil, as Codable's `encodeIfPresent` does.
    public mutating func member(_ key: StaticString, ifPresent value: String?) { if let value { member(key, value) } }
    public mutating func member(_ key: StaticString, ifPresent value: Date?) { if let value { member(key, value) } }
    public mutating func member(_ key: StaticString, ifPresent value: Percent?) { if let value { member(key, value) } }
    public mutating func member(_ key: StaticString, ifPresent value: BusinessDate?) { if let value { member(key, value) } }
    public mutating func member(_ key: StaticString, ifPresent value: (some DirectJSONWritable)?) { if let value { member(key, value) } }
    public mutating func member(_ key: StaticString, ifPresent values: [some DirectJSONWritable]?) { if let values { member(key, values) } }

    /// Written as null when nil (`NullWhenAbsent`).
    public mutating func member(_ key: StaticString, orNull value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    // MARK: scalars

    public mutating func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    public mutating func bool(_ value: Bool) {
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    public mutating func integer<I: BinaryInteger>(_ value: I) {
        if value == 0 { bytes.append(0x30); return }
        if value < 0 { bytes.append(0x2D) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: room for UInt64's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var count = 0
            while magnitude > 0 {
                buffer[count] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as \b \f \n \r \t or \u00XX;
    /// everything else, `/` and non-ASCII included, as is (as Foundation writes it).
    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(0x5C)
                switch byte {
                case 0x22, 0x5C: bytes.append(byte)
                case 0x08: bytes.append(0x62)
                case 0x0C: bytes.append(0x66)
                case 0x0A: bytes.append(0x6E)
                case 0x0D: bytes.append(0x72)
                case 0x09: bytes.append(0x74)
                default:
                    let hex = Self.hexDigits
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    // MARK: for the Codable path (DirectJSONEncoder)

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func replaceSubrange(_ range: Range<Int>, with newBytes: [UInt8]) { bytes.replaceSubrange(range, with: newBytes) }
}
