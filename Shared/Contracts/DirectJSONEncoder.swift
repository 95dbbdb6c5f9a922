import Foundation

/// Encodes a value straight into JSON bytes as it encodes itself, with the wire conventions
/// (RFC 3339 timestamps, slashes unescaped, keys sorted when asked). Foundation's JSONEncoder
/// first builds a tree of boxed values and then writes it out; on the hot paths (order documents,
/// outgoing envelopes) that tree was most of a service's CPU.
///
/// It writes what WireJSON's Foundation encoders write, byte for byte (DirectJSONEncoderTests
/// compare them). What it does not handle — floating point, `Data`, nested containers,
/// `superEncoder`, sorting keys that are not ASCII — throws `Unsupported`, and
/// `WireJSON.encode` then uses Foundation's encoder for that value.
public struct DirectJSONEncoder: Sendable {
    public let sortedKeys: Bool

    public init(sortedKeys: Bool) {
        self.sortedKeys = sortedKeys
    }

    public struct Unsupported: Error, CustomStringConvertible {
        public let what: String
        public var description: String { "DirectJSONEncoder does not encode \(what)" }
    }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONByteWriter(sortedKeys: sortedKeys)
        try writer.value(value)
        if let unsupported = writer.unsupported { throw Unsupported(what: unsupported) }
        return writer.bytes
    }
}

/// The output buffer, shared by every encoder and container of one `encode` call.
final class JSONByteWriter {
    var bytes: [UInt8] = []
    let sortedKeys: Bool
    /// Set when a value asked for something this encoder does not do; the result is then discarded.
    var unsupported: String?

    init(sortedKeys: Bool) {
        self.sortedKeys = sortedKeys
        bytes.reserveCapacity(512)
    }

    func fail(_ what: String) {
        if unsupported == nil { unsupported = what }
    }

    /// Any value: the wire's own scalars directly, everything else through its `encode(to:)`.
    func value<T: Encodable>(_ value: T) throws {
        switch value {
        case let string as String: self.string(string)
        case let date as Date: string(RFC3339.format(date))
        case let number as Int: integer(number)
        case let number as Int64: integer(number)
        case let flag as Bool: bool(flag)
        case let money as Money: string(money.description)
        case let date as BusinessDate: string(date.description)
        case let percent as Percent: string(percent.description)
        case is Double, is Float, is Data, is Decimal, is URL:
            fail("\(T.self)")
        default:
            let encoder = DirectEncoder(self)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    func bool(_ value: Bool) {
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    func integer<I: BinaryInteger>(_ value: I) {
        if value == 0 { bytes.append(0x30); return }
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as \b \f \n \r \t or \u00XX;
    /// everything else, `/` and non-ASCII included, as is.
    func string(_ value: String) {
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
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }
}

/// The `Encoder` handed to a value's `encode(to:)`: it opens at most one container, which
/// `finish()` closes once the value is written.
final class DirectEncoder: Encoder {
    let writer: JSONByteWriter
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    enum Opened { case nothing, object(JSONObjectFrame), array(JSONArrayFrame), single }
    var opened = Opened.nothing

    init(_ writer: JSONByteWriter) {
        self.writer = writer
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch opened {
        case .object(let frame):
            return KeyedEncodingContainer(DirectKeyedContainer<Key>(frame: frame))
        case .nothing:
            writer.bytes.append(0x7B)
            let frame = JSONObjectFrame(writer)
            opened = .object(frame)
            return KeyedEncodingContainer(DirectKeyedContainer<Key>(frame: frame))
        default:
            writer.fail("a keyed container after another kind of container")
            return KeyedEncodingContainer(DirectKeyedContainer<Key>(frame: JSONObjectFrame(JSONByteWriter(sortedKeys: false))))
        }
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch opened {
        case .array(let frame):
            return DirectUnkeyedContainer(frame: frame)
        case .nothing:
            writer.bytes.append(0x5B)
            let frame = JSONArrayFrame(writer)
            opened = .array(frame)
            return DirectUnkeyedContainer(frame: frame)
        default:
            writer.fail("an unkeyed container after another kind of container")
            return DirectUnkeyedContainer(frame: JSONArrayFrame(JSONByteWriter(sortedKeys: false)))
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        switch opened {
        case .nothing:
            opened = .single
            return DirectSingleValueContainer(writer: writer)
        default:
            writer.fail("a single-value container after another container")
            return DirectSingleValueContainer(writer: JSONByteWriter(sortedKeys: false))
        }
    }

    /// Closes what the value opened; a value that opened nothing is an empty object, as in Foundation.
    func finish() {
        switch opened {
        case .nothing: writer.bytes.append(contentsOf: [0x7B, 0x7D])
        case .object(let frame): frame.close()
        case .array: writer.bytes.append(0x5D)
        case .single: break
        }
    }
}

/// An object being written: where each member starts, so that `close()` can sort them.
final class JSONObjectFrame {
    let writer: JSONByteWriter
    var members: [(key: String, start: Int)] = []
    var count = 0

    init(_ writer: JSONByteWriter) {
        self.writer = writer
    }

    func key(_ key: String) {
        if count > 0 { writer.bytes.append(0x2C) }
        count += 1
        if writer.sortedKeys {
            if !JSONKeyOrder.isSortable(key) { writer.fail("the key \"\(key)\" in sorted order") }
            members.append((key, writer.bytes.count))
        }
        writer.string(key)
        writer.bytes.append(0x3A)
    }

    /// Writes `}`, first putting the members in sorted order if they are not.
    func close() {
        defer { writer.bytes.append(0x7D) }
        guard writer.sortedKeys, members.count > 1 else { return }
        let end = writer.bytes.count
        var spans: [(key: String, range: Range<Int>)] = []
        for (index, member) in members.enumerated() {
            let memberEnd = index + 1 < members.count ? members[index + 1].start - 1 : end
            spans.append((member.key, member.start..<memberEnd))
        }
        let sorted = spans.sorted { JSONKeyOrder.precedes($0.key, $1.key) }
        if sorted.map(\.range.lowerBound) == spans.map(\.range.lowerBound) { return }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(end - members[0].start)
        for (index, span) in sorted.enumerated() {
            if index > 0 { rewritten.append(0x2C) }
            rewritten.append(contentsOf: writer.bytes[span.range])
        }
        writer.bytes.replaceSubrange(members[0].start..<end, with: rewritten)
    }
}

/// Foundation's sorted order (on Linux: `String` order, which for ASCII is byte order). Keys
/// with other characters are left to Foundation rather than copying Unicode's ordering here.
enum JSONKeyOrder {
    static func isSortable(_ key: String) -> Bool {
        key.utf8.allSatisfy { $0 < 0x80 }
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

final class JSONArrayFrame {
    let writer: JSONByteWriter
    var count = 0

    init(_ writer: JSONByteWriter) {
        self.writer = writer
    }

    func next() {
        if count > 0 { writer.bytes.append(0x2C) }
        count += 1
    }
}

struct DirectKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let frame: JSONObjectFrame
    var codingPath: [any CodingKey] { [] }
    private var writer: JSONByteWriter { frame.writer }

    init(frame: JSONObjectFrame) {
        self.frame = frame
    }

    mutating func encodeNil(forKey key: Key) throws { frame.key(key.stringValue); writer.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { frame.key(key.stringValue); writer.bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { frame.key(key.stringValue); writer.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { writer.fail("Double") }
    mutating func encode(_ value: Float, forKey key: Key) throws { writer.fail("Float") }
    mutating func encode(_ value: Int, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { frame.key(key.stringValue); writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        frame.key(key.stringValue)
        try writer.value(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.fail("a nested keyed container")
        return KeyedEncodingContainer(DirectKeyedContainer<NestedKey>(frame: JSONObjectFrame(JSONByteWriter(sortedKeys: false))))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.fail("a nested unkeyed container")
        return DirectUnkeyedContainer(frame: JSONArrayFrame(JSONByteWriter(sortedKeys: false)))
    }

    mutating func superEncoder() -> any Encoder {
        writer.fail("superEncoder")
        return DirectEncoder(JSONByteWriter(sortedKeys: false))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.fail("superEncoder")
        return DirectEncoder(JSONByteWriter(sortedKeys: false))
    }
}

struct DirectUnkeyedContainer: UnkeyedEncodingContainer {
    let frame: JSONArrayFrame
    var codingPath: [any CodingKey] { [] }
    var count: Int { frame.count }
    private var writer: JSONByteWriter { frame.writer }

    mutating func encodeNil() throws { frame.next(); writer.null() }
    mutating func encode(_ value: Bool) throws { frame.next(); writer.bool(value) }
    mutating func encode(_ value: String) throws { frame.next(); writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.fail("Double") }
    mutating func encode(_ value: Float) throws { writer.fail("Float") }
    mutating func encode(_ value: Int) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: Int8) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: Int16) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: Int32) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: Int64) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: UInt) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: UInt8) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: UInt16) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: UInt32) throws { frame.next(); writer.integer(value) }
    mutating func encode(_ value: UInt64) throws { frame.next(); writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        frame.next()
        try writer.value(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.fail("a nested keyed container")
        return KeyedEncodingContainer(DirectKeyedContainer<NestedKey>(frame: JSONObjectFrame(JSONByteWriter(sortedKeys: false))))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.fail("a nested unkeyed container")
        return DirectUnkeyedContainer(frame: JSONArrayFrame(JSONByteWriter(sortedKeys: false)))
    }

    mutating func superEncoder() -> any Encoder {
        writer.fail("superEncoder")
        return DirectEncoder(JSONByteWriter(sortedKeys: false))
    }
}

struct DirectSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: Bool) throws { writer.bool(value) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.fail("Double") }
    mutating func encode(_ value: Float) throws { writer.fail("Float") }
    mutating func encode(_ value: Int) throws { writer.integer(value) }
    mutating func encode(_ value: Int8) throws { writer.integer(value) }
    mutating func encode(_ value: Int16) throws { writer.integer(value) }
    mutating func encode(_ value: Int32) throws { writer.integer(value) }
    mutating func encode(_ value: Int64) throws { writer.integer(value) }
    mutating func encode(_ value: UInt) throws { writer.integer(value) }
    mutating func encode(_ value: UInt8) throws { writer.integer(value) }
    mutating func encode(_ value: UInt16) throws { writer.integer(value) }
    mutating func encode(_ value: UInt32) throws { writer.integer(value) }
    mutating func encode(_ value: UInt64) throws { writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.value(value) }
}
