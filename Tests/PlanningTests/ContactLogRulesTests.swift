import Contracts
import Foundation
import Testing
@testable import Planning

/// `POST /contacts` input rules: trimmed text, no blanks, bounded lengths, nothing in the future.
@Suite struct ContactLogRulesTests {
    static let now = P.instant("2026-11-30T12:00:00Z")

    static func request(kam: String = "kam-ivanova", client: String = "C-1", at: String = "2026-11-30T09:00:00Z",
                        outcome: String = "заказ на неделю", note: String? = nil) -> ContactRequest {
        ContactRequest(kamId: kam, clientId: client, kind: .visit, at: P.instant(at), outcome: outcome, note: note)
    }

    @Test func textIsTrimmedAndABlankNoteIsNone() throws {
        let clean = try ContactLogRules.validated(Self.request(kam: " kam-ivanova ", client: "C-1\n", outcome: "  ok ", note: "  "),
                                                  now: Self.now)
        #expect(clean == ContactRequest(kamId: "kam-ivanova", clientId: "C-1", kind: .visit, at: P.instant("2026-11-30T09:00:00Z"),
                                        outcome: "ok", note: nil))
        #expect(try ContactLogRules.validated(Self.request(note: " обещал оплатить "), now: Self.now).note == "обещал оплатить")
    }

    @Test(arguments: [
        (request(kam: "  "), "kamId: must not be blank"),
        (request(client: ""), "clientId: must not be blank"),
        (request(outcome: "\t"), "outcome: must not be blank"),
        (request(outcome: String(repeating: "я", count: 201)), "outcome: at most 200 characters"),
        (request(note: String(repeating: "x", count: 2001)), "note: at most 2000 characters"),
        (request(client: String(repeating: "C", count: 101)), "clientId: at most 100 characters"),
        (request(at: "2026-11-30T12:05:01Z"), "at: 2026-11-30T12:05:01Z is in the future; log a contact once it happened"),
    ] as [(ContactRequest, String)])
    func badInputIsRefused(request: ContactRequest, reason: String) {
        #expect(throws: ContractError(reason)) { try ContactLogRules.validated(request, now: Self.now) }
    }

    @Test func aFewMinutesOfClockSkewPass() throws {
        _ = try ContactLogRules.validated(Self.request(at: "2026-11-30T12:05:00Z"), now: Self.now)
        _ = try ContactLogRules.validated(Self.request(outcome: String(repeating: "я", count: 200)), now: Self.now)
    }

    @Test func theBodyDecodesWithTheWireConventions() throws {
        let body = #"{"kamId":"kam-ivanova","clientId":"C-1","kind":"call","at":"2026-11-30T10:15:00+03:00","outcome":"ok"}"#
        let r = try WireDecoding.decode(ContactRequest.self, from: Array(body.utf8))
        #expect(r.kind == .call)
        #expect(r.at == P.instant("2026-11-30T07:15:00Z"))
        #expect(r.note == nil)
        #expect(throws: ContractError.self) {
            try WireDecoding.decode(ContactRequest.self, from: Array(body.replacingOccurrences(of: "call", with: "meeting").utf8))
        }
        #expect(throws: ContractError.self) {
            try WireDecoding.decode(ContactRequest.self, from: Array(body.replacingOccurrences(of: "+03:00", with: "").utf8))
        }
    }
}
