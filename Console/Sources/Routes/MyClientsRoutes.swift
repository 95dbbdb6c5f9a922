import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// "My clients": one page of a KAM's clients from planning (overdue, last contact) with each
/// one's credit from credit and its dunning level from receivables. A KAM sees its own book;
/// the head and ops choose a KAM (or see every client).
enum MyClientsRoutes {
    static let pageSize = 25
    /// Receivables' dunning list is read whole, a page of its maximum size at a time, up to this many pages.
    static let dunningPages = 10

    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/my-clients") { request, _ -> Response in
            try await app.page(request) { signedIn in
                let query = request.uri.queryParameters
                let isKam = signedIn.user.role == .kam
                let kamId = isKam ? signedIn.user.kamId : query.get("kamId").flatMap { $0.isEmpty ? nil : String($0) }
                let offset = max(0, Int(query.get("offset") ?? "") ?? 0)
                let backend = app.backend(signedIn.user)
                // Planning refuses another KAM's book before anything else is read.
                let book = try await backend.get(ClientBook.self, app.config.backends.planning, "/clients",
                                                 query: [("kamId", kamId), ("limit", "\(pageSize)"), ("offset", "\(offset)")])
                async let levels = dunningLevels(backend, app, kamId: kamId)
                let credits = try await credits(backend, app, clientIds: book.clients.map(\.clientId))
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                let rows = views.myClients(book, credits: credits, levels: try await levels)
                var next: String?
                if let nextOffset = book.nextOffset { next = "/my-clients?kamId=\(Backend.segment(kamId ?? ""))&offset=\(nextOffset)" }
                let kams = isKam ? [] : try await kamChoices(app, selected: kamId)
                let t = signedIn.language
                return app.pages.render("myClients", frame: app.frame(signedIn, title: t.text("myClients.title"), nav: "myClients"),
                                        data: ["rows": rows, "hasRows": !rows.isEmpty, "isKam": isKam, "kams": kams,
                                               "allSelected": kamId == nil, "nextLink": next as Any])
            }
        }
    }

    /// Each client's credit, one call per client of the page (credit keeps no list per KAM),
    /// made together. A client credit does not know (yet) has none.
    static func credits(_ backend: Backend, _ app: ConsoleApp, clientIds: [String]) async throws -> [String: ClientCredit] {
        try await withThrowingTaskGroup(of: (String, ClientCredit?).self) { group in
            for id in clientIds {
                group.addTask {
                    (id, try await ClientRoutes.optional {
                        try await backend.get(ClientCredit.self, app.config.backends.credit, "/clients/\(Backend.segment(id))/credit")
                    })
                }
            }
            var result: [String: ClientCredit] = [:]
            for try await (id, credit) in group { result[id] = credit }
            return result
        }
    }

    /// clientId → dunning level above 0, of the KAM's clients (every client's without a KAM).
    static func dunningLevels(_ backend: Backend, _ app: ConsoleApp, kamId: String?) async throws -> [String: Int] {
        var levels: [String: Int] = [:]
        var offset: Int? = 0
        for _ in 0..<dunningPages {
            guard let from = offset else { break }
            let list = try await backend.get(DunningList.self, app.config.backends.receivables, "/dunning",
                                             query: [("kamId", kamId), ("limit", "500"), ("offset", "\(from)")])
            for client in list.clients { levels[client.clientId] = client.level }
            offset = list.nextOffset
        }
        return levels
    }

    /// The KAMs among the console's users, for the head's choice.
    static func kamChoices(_ app: ConsoleApp, selected: String?) async throws -> [[String: Any]] {
        let users = try await app.postgres.withConnection { conn in
            try await UserStore(connection: conn, logger: app.logger).list()
        }
        return users.compactMap { user in
            user.kamId.map { ["kamId": $0, "name": "\(user.displayName) (\($0))", "selected": $0 == selected] }
        }
    }
}
