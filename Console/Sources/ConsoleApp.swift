import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceKit

/// What every page handler needs: settings, the console's database, the renderer, and how
/// to call the services for a user.
struct ConsoleApp: Sendable {
    let config: ConsoleConfig
    let postgres: PostgresClient
    let auth: JWTAuthenticator
    let pages: PageRenderer
    let logger: Logger
    let clock: @Sendable () -> Date

    /// A signed-in request: the session and the hash its cookie is stored under.
    struct SignedIn: Sendable {
        var session: ConsoleSession
        var tokenHash: String
        var user: ConsoleUser { session.user }
        var language: Language { session.language }
    }

    func signedIn(_ request: Request) async throws -> SignedIn? {
        guard let token = SessionCookies.value(SessionCookies.session, in: request), !token.isEmpty else { return nil }
        let hash = SessionCookies.hash(token)
        let now = clock()
        let session = try await postgres.withConnection { conn in
            try await UserStore(connection: conn, logger: logger).session(tokenHash: hash, now: now)
        }
        return session.map { SignedIn(session: $0, tokenHash: hash) }
    }

    func backend(_ user: ConsoleUser) -> Backend { Backend(urls: config.backends, auth: auth, user: user) }

    func frame(_ signedIn: SignedIn, title: String, nav: String?, flash: PageRenderer.Flash? = nil) -> PageRenderer.Frame {
        PageRenderer.Frame(language: signedIn.language, title: title, session: signedIn.session,
                           csrf: signedIn.session.csrf, nav: nav, flash: flash)
    }

    /// A page for a signed-in user: without a session, the sign-in page; a service's refusal
    /// becomes the matching error page rather than a stack trace.
    func page(_ request: Request, _ body: (SignedIn) async throws -> Response) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return PageRenderer.redirect("/signin") }
        do {
            return try await body(signedIn)
        } catch let error as BackendError {
            return errorPage(signedIn, error)
        }
    }

    /// A form post: also checks the form's anti-forgery token against the session's.
    func form(_ request: Request, _ body: (SignedIn, FormFields) async throws -> Response) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return PageRenderer.redirect("/signin") }
        let fields = try await FormFields(request)
        guard SessionCookies.same(fields["csrf"] ?? "", signedIn.session.csrf) else {
            logger.warning("form refused: anti-forgery token missing or wrong", metadata: ["login": "\(signedIn.user.login)", "path": "\(request.uri.path)"])
            return refusal(signedIn, text: signedIn.language.text("error.csrf"))
        }
        do {
            return try await body(signedIn, fields)
        } catch let error as BackendError {
            return errorPage(signedIn, error)
        }
    }

    func refusal(_ signedIn: SignedIn, text: String? = nil) -> Response {
        let t = signedIn.language
        return pages.render("error", frame: frame(signedIn, title: t.text("error.forbidden"), nav: nil), status: .forbidden,
                            data: ["heading": t.text("error.forbidden"), "text": text ?? t.text("error.forbiddenText")])
    }

    func errorPage(_ signedIn: SignedIn, _ error: BackendError) -> Response {
        let t = signedIn.language
        switch error {
        case .refused(403, _), .refused(401, _):
            return refusal(signedIn)
        case .refused(404, let detail):
            return pages.render("error", frame: frame(signedIn, title: t.text("error.notFound"), nav: nil), status: .notFound,
                                data: ["heading": t.text("error.notFound"), "text": detail])
        case .refused(let status, let detail):
            return pages.render("error", frame: frame(signedIn, title: t.text("error.title"), nav: nil),
                                status: HTTPResponse.Status(code: status), data: ["heading": t.text("error.title"), "text": detail])
        case .unavailable(let why):
            logger.error("a service call failed", metadata: ["error": "\(why)"])
            return pages.render("error", frame: frame(signedIn, title: t.text("error.title"), nav: nil), status: .serviceUnavailable,
                                data: ["heading": t.text("error.title"), "text": t.text("error.backend")])
        }
    }
}

/// An `application/x-www-form-urlencoded` body.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ request: Request) async throws {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        self.init(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value trimmed, nil when empty.
    func text(_ name: String) -> String? {
        let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return value.isEmpty ? nil : value
    }
}
