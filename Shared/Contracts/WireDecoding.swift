import Foundation

/// Runs WireJSON's decoder and turns any failure into a ContractError that
/// names the JSON path and what was found there.
enum WireDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: [UInt8]) throws(ContractError) -> T {
        // JSONDecoder would also sniff UTF-16/32; the contract says UTF-8.
        guard String(bytes: value, encoding: .utf8) != nil else {
            throw ContractError("value is not UTF-8 text")
        }
        do {
            return try WireJSON.decoder().decode(T.self, from: Data(value))
        } catch let error as DecodingError {
            throw DecodingErrorDescription.contractError(for: error, in: value)
        } catch {
            throw ContractError("value could not be decoded: \(error)")
        }
    }
}
