import Contracts
import Hummingbird
import ServiceKit

/// Path and query values of the planning resources: a malformed one is a 400 naming it.
enum Query {
    static func month(_ raw: String, name: String = "month") throws -> YearMonth {
        try parse(raw, name) { text throws(ContractError) in try YearMonth(parsing: text) }
    }

    static func week(_ raw: String) throws -> IsoWeek {
        try parse(raw, "week") { text throws(ContractError) in try IsoWeek(parsing: text) }
    }

    /// `?name=YYYY-MM-DD`, nil when absent.
    static func date(_ request: Request, _ name: String) throws -> BusinessDate? {
        try request.uri.queryParameters.get(name).map { raw in
            try parse(raw, name) { text throws(ContractError) in try BusinessDate(parsing: text) }
        }
    }

    /// `?name=YYYY-MM`, nil when absent.
    static func month(_ request: Request, _ name: String) throws -> YearMonth? {
        try request.uri.queryParameters.get(name).map { try month($0, name: name) }
    }

    /// The business date now, in the company time zone.
    static func today(_ platform: Platform) -> BusinessDate { platform.calendar.businessDate(of: platform.clock()) }

    private static func parse<T>(_ raw: String, _ name: String, _ parser: (String) throws(ContractError) -> T) throws -> T {
        do { return try parser(raw) } catch { throw Problem.badRequest("\(name): \(error.reason)") }
    }
}
