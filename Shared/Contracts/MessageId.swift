import Foundation

/// Ids of the messages the platform publishes: UUID version 7 (RFC 9562), whose first 48 bits
/// are the Unix time in milliseconds. Consumers claim every id in their inbox's primary key;
/// time-ordered ids land at the right edge of that index instead of on a random page of it.
public enum MessageId {
    /// A new id for a message of `type`: time-ordered, or random where the type asks for it.
    public static func make<P: MessagePayload>(for type: P.Type) -> String {
        P.timeOrderedIds ? make() : UUID().uuidString.lowercased()
    }

    public static func make(at date: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var random = SystemRandomNumberGenerator()
        let high: UInt64 = random.next(), low: UInt64 = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        for index in 6..<8 { bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * (index - 6))) }
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F) // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F) // the RFC's variant
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
