import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem document (`application/problem+json`): every error a person sees.
public struct Problem: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let title: String
    public let detail: String?

    public init(_ status: HTTPResponse.Status, _ detail: String? = nil, title: String? = nil) {
        self.status = status
        self.detail = detail
        self.title = title ?? status.reasonPhrase
    }

    public static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }
    public static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, detail) }
    public static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, detail) }
    public static func unauthorized(_ detail: String) -> Problem { Problem(.unauthorized, detail) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var object: [String: Any] = ["type": "about:blank", "title": title, "status": Int(status.code)]
        if let detail { object["detail"] = detail }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error (Hummingbird's own 404s, decoding failures, bugs) into problem+json.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            throw Problem(error.status, error.body)
        } catch let error as any HTTPResponseError {
            // The status says enough; the error's own text would show library internals.
            context.logger.info("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem(error.status)
        } catch is DecodingError {
            throw Problem(.badRequest, "invalid request body")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem(.internalServerError, "the server failed to handle this request")
        }
    }
}
