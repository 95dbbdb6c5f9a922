import Hummingbird

/// `?limit=&offset=` of a list resource: limit defaults to 50 and may be at most 500.
/// Stores fetch `limit + 1` rows; the extra row only says whether another page follows.
public struct Page: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maxLimit = 500

    public let limit: Int
    public let offset: Int

    public init(limit: Int = Page.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    /// 400 for a limit outside 1…500 or a negative offset.
    public init(_ request: Request) throws {
        let query = request.uri.queryParameters
        let limit = try Self.integer(query.get("limit"), name: "limit", default: Self.defaultLimit, range: 1...Self.maxLimit)
        let offset = try Self.integer(query.get("offset"), name: "offset", default: 0, range: 0...Int(Int32.max))
        self.init(limit: limit, offset: offset)
    }

    /// Rows to ask the database for.
    public var fetchLimit: Int { limit + 1 }

    /// The rows of this page and the offset of the next one (nil on the last page).
    public func cut<T>(_ rows: [T]) -> (items: [T], nextOffset: Int?) {
        rows.count > limit ? (Array(rows.prefix(limit)), offset + limit) : (rows, nil)
    }

    private static func integer(_ raw: String?, name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw Problem.badRequest("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \(raw)")
        }
        return value
    }
}

/// One page of a list resource: `{"<name>": [...], "limit", "offset", "nextOffset"}`, where
/// nextOffset is null on the last page.
public struct PagedList<Item: Encodable & Sendable>: Encodable, Sendable {
    public let name: String
    public let items: [Item]
    public let page: Page
    public let nextOffset: Int?

    /// `rows` as fetched (up to `page.fetchLimit`).
    public init(_ name: String, _ rows: [Item], page: Page) {
        self.name = name
        self.page = page
        (items, nextOffset) = page.cut(rows)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(items, forKey: Key(name))
        try c.encode(page.limit, forKey: Key("limit"))
        try c.encode(page.offset, forKey: Key("offset"))
        try c.encode(nextOffset, forKey: Key("nextOffset"))
    }
}
