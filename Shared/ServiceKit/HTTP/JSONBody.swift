import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A JSON response encoded with the wire conventions (money as 2-decimal strings, RFC 3339).
public struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    public let value: Value
    public let status: HTTPResponse.Status

    public init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try WireJSON.encoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// Largest request body a resource accepts.
    public static let maxBodyBytes = 1 << 20

    /// Decodes a JSON body; a malformed one is a 400 problem naming the field and what is
    /// wrong with it, an oversized one a 413.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await body.collect(upTo: Self.maxBodyBytes) } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the request body is larger than \(Self.maxBodyBytes) bytes")
        }
        do {
            return try WireDecoding.decode(T.self, from: Array(buffer.readableBytesView))
        } catch {
            throw Problem.badRequest("invalid request body: \(error.reason)")
        }
    }
}

extension Parameters {
    /// A path parameter with its percent-encoding undone (`%D0%9A-1` → `К-1`, `%2F` → `/`).
    public func requireDecoded(_ name: String) throws -> String {
        let raw = try require(name)
        guard let decoded = raw.removingPercentEncoding else {
            throw Problem.badRequest("path parameter \(name) is not valid percent-encoded UTF-8")
        }
        return decoded
    }
}
