/// JSON integers (quantities, lineNo, priceColumn, …) decoded so that a
/// fractional or out-of-range number is reported at its path. swift-foundation's
/// JSONDecoder otherwise throws a path-less "not valid JSON" for `1.5` into Int64.
///
/// These overloads are more specific than KeyedDecodingContainer's own, so this
/// module's synthesized Codable code picks them; other modules are unaffected.
extension KeyedDecodingContainer {
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decode(WireInteger<Int>.self, forKey: key).value
    }

    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try decode(WireInteger<Int32>.self, forKey: key).value
    }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decode(WireInteger<Int64>.self, forKey: key).value
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeIfPresent(WireInteger<Int>.self, forKey: key)?.value
    }

    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decodeIfPresent(WireInteger<Int32>.self, forKey: key)?.value
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decodeIfPresent(WireInteger<Int64>.self, forKey: key)?.value
    }
}

struct WireInteger<Value: FixedWidthInteger & Decodable>: Decodable {
    var value: Value

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            value = try container.decode(Value.self)
        } catch let error as DecodingError {
            throw error
        } catch {
            // The decoder's internal "number not representable" error: give it a path.
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected an integer", underlyingError: error))
        }
    }
}
