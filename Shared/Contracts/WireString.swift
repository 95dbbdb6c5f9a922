/// Types carried as JSON strings (money, percentages, dates) read their string
/// here so a wrong JSON type is reported as "expected <that type>", not as
/// "expected a string".
enum WireString {
    static func decode<T>(_ type: T.Type, from decoder: any Decoder) throws -> String {
        let container = try decoder.singleValueContainer()
        do {
            return try container.decode(String.self)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(T.self, context)
        } catch DecodingError.valueNotFound(_, let context) {
            throw DecodingError.valueNotFound(T.self, context)
        }
    }
}
