import Foundation

/// Turns Foundation's DecodingError into a reason a person can act on:
/// `payload.lines[0].quantity: expected an integer, got 1.5`.
enum DecodingErrorDescription {
    static func contractError(for error: DecodingError, in value: [UInt8]) -> ContractError {
        switch error {
        case .keyNotFound(let key, let context):
            return ContractError("\(path(context.codingPath + [key])): missing required field")
        case .valueNotFound(let type, let context):
            if context.codingPath.isEmpty {
                return ContractError("value must be a JSON object, got null")
            }
            return ContractError("\(path(context.codingPath)): expected \(expectation(type)), got null")
        case .typeMismatch(let type, let context):
            let found = JSONValue.parse(value)?.at(context.codingPath)?.summary ?? "something else"
            if context.codingPath.isEmpty {
                return ContractError("value must be a JSON object, got \(found)")
            }
            return ContractError("\(path(context.codingPath)): expected \(expectation(type)), got \(found)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation's own text adds nothing a person can use, only its internals.
                return ContractError("value is not valid JSON")
            }
            let found = JSONValue.parse(value)?.at(context.codingPath)
            if case .number(let text)? = found {
                // The only numbers we decode are integers: this one has a fraction or is too big.
                let problem = text.contains(where: { ".eE".contains($0) }) ? "expected an integer" : "integer out of range"
                return ContractError("\(path(context.codingPath)): \(problem), got \(text)")
            }
            return ContractError("\(path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return ContractError("value could not be decoded")
        }
    }

    /// `payload.lines[0].quantity`
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "value" : text
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Money.Type: return "a money amount as a JSON string like \"12500.00\""
        case is Percent.Type: return "a percentage as a JSON string like \"2.50\""
        case is BusinessDate.Type: return "a date string \"YYYY-MM-DD\""
        case is YearMonth.Type: return "a month string \"YYYY-MM\""
        case is Date.Type: return "an RFC 3339 timestamp string"
        case is any WireEnum.Type: return "a string"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object" // our Codable structs
        }
    }
}
