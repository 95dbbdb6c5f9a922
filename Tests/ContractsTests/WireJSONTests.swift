import Foundation
import Testing
@testable import Contracts

@Suite struct WireJSONTests {
    private struct Stamp: Codable, Equatable {
        var at: Date
    }

    private func decode(_ text: String) throws -> Date {
        try WireJSON.decoder().decode(Stamp.self, from: Data(#"{"at":"\#(text)"}"#.utf8)).at
    }

    @Test(arguments: [
        ("2026-11-30T07:15:00Z", 1_796_022_900_000),
        ("2026-11-30T07:15:00.123Z", 1_796_022_900_123),
        ("2026-11-30T07:15:00.1Z", 1_796_022_900_100),
        ("2026-11-30T07:15:00.123456789Z", 1_796_022_900_123),
        ("2026-11-30T10:15:00+03:00", 1_796_022_900_000),
        ("2026-11-30T02:15:00-05:00", 1_796_022_900_000),
        ("2026-11-30t07:15:00z", 1_796_022_900_000),
        ("1969-12-31T23:59:59Z", -1000),
    ] as [(String, Int64)])
    func decodesRFC3339(text: String, millisecondsSinceEpoch: Int64) throws {
        let date = try decode(text)
        #expect(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) == millisecondsSinceEpoch)
    }

    @Test(arguments: ["2026-11-30 07:15:00Z", "2026-11-30T07:15:00", "2026-11-30T07:15Z", "2026-11-30",
                      "2026-11-30T24:00:00Z", "2026-11-30T07:15:60Z", "2026-11-30T07:15:00+0300",
                      "2026-11-30T07:15:00.Z", "2026-02-30T07:15:00Z", "1796022900", "2026-11-30T07:15:00ZZ"])
    func rejectsOtherTimestamps(text: String) {
        #expect(throws: DecodingError.self) { try decode(text) }
    }

    @Test func rejectsNumericTimestamp() {
        #expect(throws: DecodingError.self) {
            try WireJSON.decoder().decode(Stamp.self, from: Data(#"{"at":1796022900}"#.utf8))
        }
    }

    @Test(arguments: [
        (1_796_022_900.0, "2026-11-30T07:15:00Z"),
        (1_796_022_900.123, "2026-11-30T07:15:00.123Z"),
        (1_796_022_900.5, "2026-11-30T07:15:00.500Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
    ])
    func encodesUTC(seconds: Double, expected: String) throws {
        let data = try WireJSON.encoder().encode(Stamp(at: Date(timeIntervalSince1970: seconds)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"at":"\#(expected)"}"#)
    }

    @Test func encoderSortsKeysAndKeepsSlashes() throws {
        let data = try WireJSON.encoder().encode(["b": "x/y", "a": "z"])
        #expect(String(decoding: data, as: UTF8.self) == #"{"a":"z","b":"x/y"}"#)
    }
}
