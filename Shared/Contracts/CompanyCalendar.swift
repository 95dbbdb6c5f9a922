import Foundation

/// The company time zone that turns instants into business dates (SPEC §2):
/// Europe/Moscow by default, configurable.
public struct CompanyCalendar: Sendable, Hashable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// An IANA zone name such as "Europe/Moscow"; unknown names are an error
    /// rather than a silent fallback to UTC.
    public init(identifier: String) throws(ContractError) {
        guard let zone = TimeZone(identifier: identifier) else {
            throw ContractError("unknown time zone \"\(identifier)\"")
        }
        self.init(timeZone: zone)
    }

    // Moscow has had a fixed UTC+3 since 2014; the fixed-offset fallback only
    // matters on a host without tz data.
    public static let moscow = CompanyCalendar(
        timeZone: TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600)!)

    public func businessDate(of instant: Date) -> BusinessDate {
        BusinessDate(instant, in: timeZone)
    }
}
