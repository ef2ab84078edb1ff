import Foundation
import MutualLedger

/// Settings read from the environment, injected into the library (documented in the README).
enum Environment {
    /// `MUTUAL_NOW=2026-03-01T09:30:00Z` pins the clock (tests, reproducible demos); else the system clock.
    static var clock: @Sendable () -> Date {
        if let text = ProcessInfo.processInfo.environment["MUTUAL_NOW"], let stamp = Timestamp(parsing: text) {
            return { Date(timeIntervalSince1970: TimeInterval(stamp.seconds)) }
        }
        return { Date() }
    }

    /// `MUTUAL_LOCK_TIMEOUT` seconds to wait for another writer (default 30).
    static var lockTimeout: Double {
        ProcessInfo.processInfo.environment["MUTUAL_LOCK_TIMEOUT"].flatMap(Double.init) ?? 30
    }
}
