import Crypto
import Foundation
import MutualLedger

/// The physical limits of this machine, measured in the same process as everything else:
/// single-core Ed25519 verify and sign rates (swift-crypto, the library Mutual uses) and SHA-256 throughput.
/// Each rate is given per wall-clock second and per CPU second of the measuring thread.
struct RawRates: Codable {
    /// Ed25519 verifications per second, one core.
    var verify: Timing.Rate
    /// Ed25519 signatures per second, one core.
    var sign: Timing.Rate
    /// SHA-256 throughput over 1 MiB inputs, in MB/s (10^6 bytes).
    var sha256MB: Timing.Rate
    /// Size of the signed message used for the Ed25519 rates (about a ledger event's signing bytes).
    var messageBytes: Int

    /// Measures each rate for about `seconds` (median of three slices).
    static func measure(seconds: Double, probe: Ed25519Probe) -> RawRates {
        let block = [UInt8](repeating: 0x61, count: 1 << 20)
        var sink: UInt8 = 0
        let blocks = Timing.medianRate(total: seconds / 2) {
            sink ^= SHA256.hash(data: block).withUnsafeBytes { $0.first ?? 0 }
        }
        withExtendedLifetime(sink) {}
        let scale = Double(block.count) / 1e6
        return RawRates(verify: probe.verifyRate(seconds: seconds), sign: probe.signRate(seconds: seconds),
                        sha256MB: Timing.Rate(wall: blocks.wall * scale, cpu: blocks.cpu * scale),
                        messageBytes: probe.message.count)
    }
}

/// One key, message and signature, to measure raw Ed25519 rates whenever the benchmark needs them
/// (at the start, and again right around each timed verification, so shared-core drift hits both).
struct Ed25519Probe {
    let key: Curve25519.Signing.PrivateKey
    let publicKey: Curve25519.Signing.PublicKey
    let message: [UInt8]
    let signature: [UInt8]

    init(messageBytes: Int = 640) throws {
        var generator = SplitMix64(seed: 0x5EED)
        message = (0..<messageBytes).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        key = Curve25519.Signing.PrivateKey()
        publicKey = key.publicKey
        signature = Array(try key.signature(for: message))
        guard publicKey.isValidSignature(signature, for: message) else {
            throw BenchError("swift-crypto failed to verify its own signature; the build is broken")
        }
    }

    func verifyRate(seconds: Double) -> Timing.Rate {
        var valid = 0
        let rate = Timing.medianRate(total: seconds, unit: 16) {
            for _ in 0..<16 where publicKey.isValidSignature(signature, for: message) { valid &+= 1 }
        }
        return valid > 0 ? rate : Timing.Rate(wall: 0, cpu: 0)
    }

    func signRate(seconds: Double) -> Timing.Rate {
        var bytes = 0
        let rate = Timing.medianRate(total: seconds, unit: 16) {
            for _ in 0..<16 { bytes &+= (try? key.signature(for: message))?.count ?? 0 }
        }
        return bytes > 0 ? rate : Timing.Rate(wall: 0, cpu: 0)
    }
}

