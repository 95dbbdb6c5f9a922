import Foundation
import Testing
@testable import Contracts

@Suite struct MessageIdTests {
    @Test func isAVersion7UUIDCarryingItsMillisecond() throws {
        let at = Date(timeIntervalSince1970: 1_796_022_900.123)
        let id = MessageId.make(at: at)
        #expect(id.count == 36)
        #expect(id == id.lowercased())
        #expect(UUID(uuidString: id) != nil)
        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(hex.prefix(12), radix: 16) == 1_796_022_900_123)
        #expect(Array(hex)[12] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(hex)[16]))
    }

    @Test func laterIdsSortAfterEarlierOnes() {
        let ids = (0..<50).map { MessageId.make(at: Date(timeIntervalSince1970: 1_796_022_900 + Double($0) * 0.002)) }
        #expect(ids == ids.sorted())
        #expect(Set((0..<1000).map { _ in MessageId.make() }).count == 1000)
    }

    /// People pick dead letters by the first 8 characters of their ids: those must differ.
    @Test func deadLettersKeepRandomIds() {
        let at = Date(timeIntervalSince1970: 1_796_022_900)
        let letter = DeadLetter.make(service: "orders", consumerGroup: "g", topic: "t", partition: 0, offset: 1, key: nil, value: [1],
                                     error: "e", at: at, sha256: { _ in "00" })
        let ids = (0..<20).map { _ in Envelope(occurredAt: at, payload: letter).messageId }
        #expect(Set(ids.map { $0.prefix(8) }).count == 20)
        #expect(ids.allSatisfy { Array($0)[14] == "4" })
        #expect(Array(Envelope(occurredAt: at, payload: OrderCompleted(orderId: "O", clientId: "C", completedAt: at)).messageId)[14] == "7")
    }
}
