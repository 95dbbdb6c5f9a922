import Foundation
import Testing
@testable import Contracts

/// The direct encoder must write exactly what Foundation's encoders (WireJSON) write.
@Suite struct DirectJSONEncoderTests {
    static let sorted = DirectJSONEncoder(sortedKeys: true)
    static let unsorted = DirectJSONEncoder(sortedKeys: false)

    @Test(arguments: Fixtures.examples)
    func everyMessageTypeIsWrittenAsFoundationWritesIt(example: Fixtures.Example) throws {
        let message = try InboundMessage.decode(topic: example.topic, value: example.value)
        let (direct, foundation) = try Self.both(message)
        #expect(String(decoding: direct, as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
    }

    @Test func outgoingMessagesOfTheHotPathAreWrittenDirectly() throws {
        let at = Date(timeIntervalSince1970: 1_796_022_900.25)
        let decided = Envelope(occurredAt: at, payload: CreditCheckDecided(
            orderId: "O-1", clientId: "C-1", outcome: .held,
            reasons: [Reason(code: "OVER_LIMIT", message: "лимит \"превышен\"\n")], exposure: Money(kopecks: -12_345),
            creditLimit: Money(kopecks: 50_000_000), decidedAt: at, decidedBy: nil, comment: "a/b\\c\t\u{1}"),
            correlationId: "corr")
        let direct = try Self.sorted.encode(decided)
        #expect(direct == [UInt8](try WireJSON.sharedEncoder.encode(decided)))
        #expect(try Envelope<CreditCheckDecided>.decode(direct) == decided)
    }

    @Test(arguments: ["", "plain", "ё и 😀", "quote \" and \\ backslash", "slash / stays", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}",
                      "\u{7F} del", "\u{2028}\u{2029} separators", "tail\\"])
    func stringsAreEscapedAsFoundationEscapesThem(text: String) throws {
        let value = ["text": text, "text2": text + text]
        #expect(try Self.sorted.encode(value) == [UInt8](try WireJSON.sharedEncoder.encode(value)))
    }

    @Test func keysAreSortedAsFoundationSortsThem() throws {
        let value = ["b": 1, "B": 2, "a": 3, "A": 4, "ab": 5, "aB": 6, "Ab": 7, "abc": 8, "lineNo": 9, "lines": 10, "Z": 11, "y": 12,
                     "item10": 13, "item9": 14, "a_b": 15, "a-b": 16, "a1": 17, "text": 18, "text2": 19, "_a": 20, "10": 21, "2": 22]
        #expect(String(decoding: try Self.sorted.encode(value), as: UTF8.self)
                == String(decoding: try WireJSON.sharedEncoder.encode(value), as: UTF8.self))
    }

    @Test func keysThatAreNotASCIIAreLeftToFoundation() throws {
        let value = ["é": 1, "e": 2, "f": 3]
        #expect(throws: DirectJSONEncoder.Unsupported.self) { try Self.sorted.encode(value) }
        #expect(try WireJSON.encode(value) == [UInt8](try WireJSON.sharedEncoder.encode(value)))
        // Unsorted output takes any key.
        #expect(try Self.unsorted.encode(["é": 1]) == Array(#"{"é":1}"#.utf8))
    }

    @Test func integersAtTheirLimits() throws {
        let value = Limits(a: .min, b: .max, c: 0, d: -7, e: .max, f: [1, -1, 0])
        #expect(try Self.sorted.encode(value) == [UInt8](try WireJSON.sharedEncoder.encode(value)))
    }

    @Test func floatingPointIsLeftToFoundation() throws {
        #expect(throws: DirectJSONEncoder.Unsupported.self) { try Self.sorted.encode(["x": 1.5]) }
        #expect(try WireJSON.encode(["x": 1.5]) == [UInt8](try WireJSON.sharedEncoder.encode(["x": 1.5])))
    }

    @Test func nullsEmptiesAndNesting() throws {
        let value = Shapes(absent: nil, explicitNull: nil, present: "x",
                           empty: [], nested: [[], [Date(timeIntervalSince1970: 0)]], map: [:], nothing: Nothing())
        #expect(String(decoding: try Self.sorted.encode(value), as: UTF8.self)
                == String(decoding: try WireJSON.sharedEncoder.encode(value), as: UTF8.self))
    }

    @Test func documentsKeepTheOrderTheValueEncodes() throws {
        let value = Limits(a: 1, b: 2, c: 3, d: 4, e: 5, f: [])
        #expect(String(decoding: try Self.unsorted.encode(value), as: UTF8.self) == #"{"f":[],"e":5,"d":4,"c":3,"b":2,"a":1}"#)
    }

    struct Limits: Encodable {
        var a: Int64, b: Int64, c: Int, d: Int32, e: UInt64, f: [Int]
        private enum CodingKeys: String, CodingKey { case f, e, d, c, b, a }
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    struct Shapes: Encodable {
        var absent: String?
        @NullWhenAbsent var explicitNull: String?
        @NullWhenAbsent var present: String?
        var empty: [String]
        var nested: [[Date]]
        var map: [String: Int]
        var nothing: Nothing
    }

    static func both(_ message: InboundMessage) throws -> ([UInt8], [UInt8]) {
        func pair<P>(_ e: Envelope<P>) throws -> ([UInt8], [UInt8]) {
            (try sorted.encode(e), [UInt8](try WireJSON.sharedEncoder.encode(e)))
        }
        switch message {
        case .clientUpserted(let e): return try pair(e)
        case .priceListPublished(let e): return try pair(e)
        case .orderPlaced(let e): return try pair(e)
        case .orderCancelled(let e): return try pair(e)
        case .orderCompleted(let e): return try pair(e)
        case .invoiceIssued(let e): return try pair(e)
        case .paymentReceived(let e): return try pair(e)
        case .creditNoteIssued(let e): return try pair(e)
        case .orderConfirmed(let e): return try pair(e)
        case .orderOnHold(let e): return try pair(e)
        case .orderRejected(let e): return try pair(e)
        case .dunningNoticeIssued(let e): return try pair(e)
        case .deadLetter(let e): return try pair(e)
        case .creditCheckRequested(let e): return try pair(e)
        case .creditCheckDecided(let e): return try pair(e)
        case .clientOpenItemsChanged(let e): return try pair(e)
        }
    }
}
