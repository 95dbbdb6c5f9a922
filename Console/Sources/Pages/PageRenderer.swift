import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the console's templates into HTML responses.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, source) in Templates.all { try library.register(source, named: name) }
        self.library = library
    }

    /// What every page gets besides its own data.
    struct Frame {
        var language: Language
        var title: String
        var session: ConsoleSession?
        var csrf: String
        var nav: String?
        var flash: Flash?
    }

    struct Flash {
        var text: String
        var isError: Bool
    }

    func render(_ template: String, frame: Frame, status: HTTPResponse.Status = .ok, data: [String: Any] = [:]) -> Response {
        // An absent value (a nil wrapped in Any) would read as present to Mustache: left out.
        var object = data.compactMapValues(Self.unwrapped)
        // Nested, because Mustache reads `t.holds.title` as a path.
        object["t"] = Self.nest(frame.language.texts)
        object["lang"] = frame.language.rawValue
        object["title"] = frame.title
        object["csrf"] = frame.csrf
        if let user = frame.session?.user {
            object["user"] = ["displayName": user.displayName, "roleName": frame.language.text("role.\(user.role.rawValue)")]
        }
        if let nav = frame.nav { object["nav"] = [nav: true] }
        if let flash = frame.flash { object["flash"] = ["text": flash.text, "kind": flash.isError ? "error" : "ok"] }
        let html = library.render(object, withTemplate: template) ?? "template \(template) is missing"
        return Self.html(html, status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            // Pages carry no scripts; styles are inline in the layout.
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: .seeOther, headers: headers)
    }

    /// The value inside any layers of Optional; nil when there is none.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrapped($0.value) }
    }

    /// "holds.title" → ["holds": ["title": …]].
    static func nest(_ flat: [String: String]) -> [String: Any] {
        var root: [String: Any] = [:]
        func insert(_ path: ArraySlice<Substring>, _ value: String, into node: inout [String: Any]) {
            guard let head = path.first else { return }
            let key = String(head)
            if path.count == 1 {
                node[key] = value
            } else {
                var child = node[key] as? [String: Any] ?? [:]
                insert(path.dropFirst(), value, into: &child)
                node[key] = child
            }
        }
        for (key, value) in flat { insert(key.split(separator: ".")[...], value, into: &root) }
        return root
    }
}
