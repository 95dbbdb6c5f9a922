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
}
