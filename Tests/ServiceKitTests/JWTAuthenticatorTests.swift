import Foundation
import ServiceKit
import Testing

@Suite("JWT bearer tokens (HS256)")
struct JWTAuthenticatorTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    var auth: JWTAuthenticator { JWTAuthenticator(secret: "0123456789abcdef-secret", clock: { [now] in now }) }

    @Test("a minted token verifies to its claims")
    func roundTrip() throws {
        let token = auth.mint(subject: "ivanova", role: .kam, kamId: "kam-ivanova")
        #expect(try auth.verify(token) == Principal(subject: "ivanova", role: .kam, kamId: "kam-ivanova"))
    }

    @Test("tampered, foreign, expired and incomplete tokens are refused")
    func refused() throws {
        let token = auth.mint(subject: "head", role: .head, kamId: nil)
        let other = JWTAuthenticator(secret: "another-secret-0123456789", clock: { [now] in now })
        #expect(throws: Problem.self) { try other.verify(token) }
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = parts[1].replacingOccurrences(of: "a", with: "b")
        #expect(throws: Problem.self) { try auth.verify(parts.joined(separator: ".")) }
        let expired = auth.mint(subject: "head", role: .head, kamId: nil, ttl: -1)
        #expect(throws: Problem.self) { try auth.verify(expired) }
        let kamWithoutId = auth.mint(subject: "x", role: .kam, kamId: nil)
        #expect(throws: Problem.self) { try auth.verify(kamWithoutId) }
        #expect(throws: Problem.self) { try auth.verify("not-a-token") }
    }

    @Test("a KAM sees only its own clients")
    func scoping() {
        let kam = Principal(subject: "i", role: .kam, kamId: "kam-ivanova")
        #expect(kam.canSee(kamId: "kam-ivanova"))
        #expect(!kam.canSee(kamId: "kam-petrov"))
        #expect(!kam.canSee(kamId: nil))
        #expect(Principal(subject: "h", role: .head, kamId: nil).canSee(kamId: "kam-petrov"))
        #expect(Principal(subject: "o", role: .ops, kamId: nil).canSee(kamId: nil))
    }
}
