import Foundation

/// A short id suffix from the clock (base 36 of the current tenth of a second), so ids of
/// one run never collide with an earlier run's on the same stack.
enum RunSuffix {
    static func fromClock(_ now: Date = Date()) -> String {
        String(UInt64(now.timeIntervalSince1970 * 10), radix: 36).uppercased()
    }
}
