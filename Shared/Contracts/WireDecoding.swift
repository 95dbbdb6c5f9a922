import Foundation

/// Runs WireJSON's decoder and turns any failure into a ContractError that
/// names the JSON path and what was found there.
public enum WireDecoding {
    public static func decode<T: Decodable>(_ type: T.Type, from value: [UInt8]) throws(ContractError) -> T {
        // JSONDecoder would also sniff UTF-16/32; the contract says UTF-8.
        guard String(bytes: value, encoding: .utf8) != nil else {
            throw ContractError("value is not UTF-8 text")
        }
        // PostgreSQL text cannot hold NUL, and no business value needs it: a contract
        // violation for every reader alike, rather than a storage error in some of them.
        if containsEscapedNUL(value) {
            throw ContractError("value: a string contains \\u0000 (NUL), which is not allowed")
        }
        do {
            return try WireJSON.sharedDecoder.decode(T.self, from: Data(value))
        } catch let error as DecodingError {
            throw DecodingErrorDescription.contractError(for: error, in: value)
        } catch {
            throw ContractError("value could not be decoded")
        }
    }

    /// True when a JSON text escapes NUL (`\u0000`). A literal NUL byte is invalid JSON
    /// anyway; `\\u0000` (an escaped backslash, then text) is not NUL: the escape counts
    /// only after an odd run of backslashes.
    static func containsEscapedNUL(_ bytes: [UInt8]) -> Bool {
        let backslash = UInt8(ascii: "\\")
        let tail = Array("u0000".utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == backslash else { i += 1; continue }
            var run = 0
            while i < bytes.count && bytes[i] == backslash { run += 1; i += 1 }
            if run % 2 == 1, i + tail.count <= bytes.count, Array(bytes[i..<i + tail.count]) == tail { return true }
        }
        return false
    }
}
