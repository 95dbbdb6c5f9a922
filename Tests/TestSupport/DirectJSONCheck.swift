import Contracts
import Foundation

/// Compares a `DirectJSONWritable` type's own JSON with its Codable encoding (WireJSON's sorted
/// encoder), for tests that give it a sample with every field set.
public enum DirectJSONCheck {
    public struct Outcome {
        /// What the type writes itself.
        public let direct: String
        /// What Codable and Foundation write.
        public let codable: String
        /// Fields of the sample that are nil: a sample must set them all, or a field the
        /// hand-written writer forgets would go unnoticed.
        public let unsetFields: [String]
    }

    public static func compare<T: DirectJSONWritable & Encodable>(_ sample: T) throws -> Outcome {
        var out = JSONOutput()
        sample.writeJSON(to: &out)
        let codable = try WireJSON.sharedEncoder.encode(sample)
        let unset = Mirror(reflecting: sample).children.compactMap { child -> String? in
            isNil(child.value) ? (child.label ?? "?") : nil
        }
        return Outcome(direct: String(decoding: out.bytes, as: UTF8.self), codable: String(decoding: codable, as: UTF8.self),
                       unsetFields: unset)
    }

    /// nil, or a property wrapper (`NullWhenAbsent`) holding nil.
    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.isEmpty }
        if mirror.children.count == 1, let inner = mirror.children.first, inner.label == "wrappedValue" { return isNil(inner.value) }
        return false
    }
}
