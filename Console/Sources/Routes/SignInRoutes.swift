import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// Sign-in, sign-out and the language switch.
enum SignInRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/") { request, _ -> Response in
            guard let signedIn = try await app.signedIn(request) else { return PageRenderer.redirect("/signin") }
            return PageRenderer.redirect(signedIn.user.role == .kam ? "/week" : "/holds")
        }

        router.get("/signin") { request, _ -> Response in
            if try await app.signedIn(request) != nil { return PageRenderer.redirect("/") }
            let language = Language(rawValue: request.uri.queryParameters.get("lang") ?? "") ?? .ru
            return signInPage(app, language: language, login: "", failure: nil, status: .ok)
        }

        router.post("/signin") { request, _ -> Response in
            let fields = try await FormFields(request)
            let language = Language(rawValue: fields["lang"] ?? "") ?? .ru
            let login = fields.text("login") ?? ""
            // No session yet: the form's token must match the cookie the form came with.
            guard let cookie = SessionCookies.value(SessionCookies.signIn, in: request),
                  SessionCookies.same(fields["csrf"] ?? "", cookie) else {
                return signInPage(app, language: language, login: login, failure: language.text("error.csrf"), status: .forbidden)
            }
            let now = app.clock()
            let window = now.addingTimeInterval(-Double(app.config.signInWindowMinutes) * 60)
            let outcome = try await app.postgres.withConnection { conn -> SignInOutcome in
                let store = UserStore(connection: conn, logger: app.logger)
                if try await store.recentFailures(login, since: window) >= app.config.signInAttempts { return .locked }
                let found = try await store.credentials(login)
                // An unknown login costs as much time as a wrong password: nothing tells them apart.
                let valid = await Passwords.verify(fields["password"] ?? "", hash: found?.1 ?? Passwords.decoyHash)
                guard let (user, _) = found, valid, !user.disabled else {
                    try await store.recordFailure(login, at: now)
                    return .failed
                }
                try await store.clearFailures(login, before: window)
                let token = SessionCookies.randomToken()
                try await store.createSession(tokenHash: SessionCookies.hash(token), login: user.login, csrf: SessionCookies.randomToken(),
                                              language: language, now: now,
                                              expires: now.addingTimeInterval(Double(app.config.sessionHours) * 3600))
                return .signedIn(user, token)
            }
            switch outcome {
            case .locked:
                app.logger.warning("sign-in refused: too many failures", metadata: ["login": "\(login)"])
                return signInPage(app, language: language, login: login, failure: language.text("signIn.locked"), status: .tooManyRequests)
            case .failed:
                app.logger.notice("sign-in failed", metadata: ["login": "\(login)"])
                return signInPage(app, language: language, login: login, failure: language.text("signIn.failed"), status: .unauthorized)
            case .signedIn(let user, let token):
                app.logger.info("signed in", metadata: ["login": "\(user.login)", "role": "\(user.role.rawValue)"])
                return PageRenderer.redirect("/", headers: [
                    .setCookie: SessionCookies.setCookie(SessionCookies.session, token, maxAge: app.config.sessionHours * 3600,
                                                         secure: app.config.secureCookies),
                ])
            }
        }

        router.post("/signout") { request, _ -> Response in
            try await app.form(request) { signedIn, _ in
                try await app.postgres.withConnection { conn in
                    try await UserStore(connection: conn, logger: app.logger).endSession(tokenHash: signedIn.tokenHash)
                }
                return PageRenderer.redirect("/signin", headers: [
                    .setCookie: SessionCookies.setCookie(SessionCookies.session, "", maxAge: 0, secure: app.config.secureCookies),
                ])
            }
        }

        router.post("/language") { request, _ -> Response in
            try await app.form(request) { signedIn, _ in
                let next: Language = signedIn.language == .ru ? .en : .ru
                try await app.postgres.withConnection { conn in
                    try await UserStore(connection: conn, logger: app.logger).setLanguage(tokenHash: signedIn.tokenHash, next)
                }
                return PageRenderer.redirect("/")
            }
        }
    }

    enum SignInOutcome: Sendable {
        case locked, failed
        case signedIn(ConsoleUser, String)
    }

    /// The form comes with a fresh anti-forgery token in a cookie of its own.
    static func signInPage(_ app: ConsoleApp, language: Language, login: String, failure: String?,
                           status: HTTPResponse.Status) -> Response {
        let csrf = SessionCookies.randomToken()
        var response = app.pages.render(
            "signin",
            frame: .init(language: language, title: language.text("signIn.title"), session: nil, csrf: csrf, nav: nil,
                         flash: failure.map { .init(text: $0, isError: true) }),
            status: status, data: ["login": login, "lang": language.rawValue])
        response.headers.append(HTTPField(name: .setCookie, value: SessionCookies.setCookie(
            SessionCookies.signIn, csrf, maxAge: 3600, secure: app.config.secureCookies)))
        return response
    }
}
