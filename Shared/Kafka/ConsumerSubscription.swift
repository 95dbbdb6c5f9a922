/// Reads the topic list out of a consumer group member's metadata (Kafka's
/// ConsumerProtocolSubscription: int16 version, then an int32 count of int16-length topic
/// names, then fields we do not need). Malformed input gives what could be read.
enum ConsumerSubscription {
    static func topics(_ bytes: [UInt8]) -> [String] {
        var reader = BigEndianReader(bytes)
        guard reader.int16() != nil, let count = reader.int32(), count >= 0 else { return [] }
        var topics: [String] = []
        for _ in 0..<count {
            guard let length = reader.int16(), length >= 0, let name = reader.bytes(Int(length)) else { break }
            topics.append(String(decoding: name, as: UTF8.self))
        }
        return topics
    }
}

struct BigEndianReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func bytes(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, index + n <= bytes.count else { return nil }
        defer { index += n }
        return bytes[index..<index + n]
    }

    mutating func int16() -> Int16? {
        bytes(2).map { Int16(bitPattern: UInt16($0.first!) << 8 | UInt16($0.last!)) }
    }

    mutating func int32() -> Int32? {
        bytes(4).map { Int32(bitPattern: $0.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
    }
}
