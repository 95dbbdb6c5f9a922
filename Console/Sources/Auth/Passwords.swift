import Dispatch
import HummingbirdBcrypt

/// bcrypt hashes of sign-in passwords. Hashing is deliberately slow, so it runs off Swift's
/// cooperative pool.
public enum Passwords {
    public static let cost: UInt8 = 11

    public static func hash(_ password: String) async -> String {
        await offPool { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends about as long as a real check, so an unknown login answers as slowly as a wrong password.
    static let decoyHash = Bcrypt.hash("decoy password", cost: cost)

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
