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
    var out = JSONOutput()
    let sortedKeys: Bool
    /// Set when a value asked for something this encoder does not do; the result is then discarded.
    var unsupported: String?

    init(sortedKeys: Bool) {
        self.sortedKeys = sortedKeys
    }

    var bytes: [UInt8] { out.bytes }

    func fail(_ what: String) {
        if unsupported == nil { unsupported = what }
    }

    /// Any value: types that write themselves and the wire's own scalars directly, everything
    /// else through its `encode(to:)`.
    func value<T: Encodable>(_ value: T) throws {
        switch value {
        case let writable as any DirectJSONWritable: writable.writeJSON(to: &out)
        case let string as String: out.string(string)
        case let date as Date: out.string(RFC3339.format(date))
        case let number as Int: out.integer(number)
        case let number as Int64: out.integer(number)
        case let flag as Bool: out.bool(flag)
        case let money as Money: out.string(money.description)
        case let date as BusinessDate: out.string(date.description)
        case let percent as Percent: out.string(percent.description)
        case is Double, is Float, is Data, is Decimal, is URL:
            fail("\(T.self)")
        default:
            let encoder = DirectEncoder(self)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    func null() { out.null() }
    func bool(_ value: Bool) { out.bool(value) }
    func integer<I: BinaryInteger>(_ value: I) { out.integer(value) }
    func string(_ value: String) { out.string(value) }
    func append(_ byte: UInt8) { out.append(byte) }
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
            writer.append(0x7B)
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
            writer.append(0x5B)
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
        case .nothing: writer.append(0x7B); writer.append(0x7D)
        case .object(let frame): frame.close()
        case .array: writer.append(0x5D)
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
        if count > 0 { writer.append(0x2C) }
        count += 1
        if writer.sortedKeys {
            if !JSONKeyOrder.isSortable(key) { writer.fail("the key \"\(key)\" in sorted order") }
            members.append((key, writer.bytes.count))
        }
        writer.string(key)
        writer.append(0x3A)
    }

    /// Writes `}`, first putting the members in sorted order if they are not.
    func close() {
        defer { writer.append(0x7D) }
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
        writer.out.replaceSubrange(members[0].start..<end, with: rewritten)
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
        if count > 0 { writer.append(0x2C) }
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
