import Crypto
import Foundation
import MutualLedger
import PartnershipEvents

/// Micro-benchmarks of the hot paths, on real lines of the generated ledger, each next to the raw
/// rate it is bounded by (measured just before it, in the same process): canonical encoding of an
/// event, strict line parsing, leaf hashing, signing and verifying one event.
///
/// ```swift
/// let rows = try MicroBenchmarks(seconds: 1, probe: probe).rows(ledger: generated)
/// ```
struct MicroBenchmarks {
    /// Seconds spent on each operation (median of three slices).
    var seconds: Double
    var probe: Ed25519Probe
    /// How many lines of the ledger to cycle through.
    var sample = 2_000

    func rows(ledger: LedgerGenerator.Result) throws -> [BenchRow] {
        let lines = try Self.readLines(ledger.directory.appendingPathComponent("events.jsonl"), skipping: 1, count: sample)
        guard !lines.isEmpty else { throw BenchError("the generated ledger has no lines to sample") }
        let parsed = try lines.map { try LedgerLine(bytes: $0) }
        var keys: [KeyID: PublicKey] = [ledger.history.steward.id: ledger.history.steward.publicKey,
                                        ledger.history.funder.id: ledger.history.funder.publicKey]
        for key in ledger.history.coordinators.values { keys[key.id] = key.publicKey }
        let signers = try parsed.map { line -> (PublicKey, LedgerLine) in
            guard let key = keys[line.event.author] else { throw BenchError("no key for author \(line.event.author)") }
            return (key, line)
        }
        let signer = SigningKey.generate()
        let meanLine = Double(lines.reduce(0) { $0 + $1.count }) / Double(lines.count)
        let meanSigned = Double(parsed.reduce(0) { $0 + $1.signingBytes.count }) / Double(parsed.count)
        var rows: [BenchRow] = []
        var sink = 0
        var index = 0
        func next() -> Int {
            index = index + 1 == lines.count ? 0 : index + 1
            return index
        }

        let encode = Timing.medianRate(total: seconds) { sink &+= parsed[next()].event.json.canonicalBytes.count }
        rows.append(row("micro: canonical encoding of an event", encode,
                        note: "Event -> JSONValue -> RFC 8785 bytes (JSONValue.canonicalBytes)"))
        let parse = Timing.medianRate(total: seconds) { sink &+= ((try? LedgerLine(bytes: lines[next()]))?.seq ?? 0) }
        rows.append(row("micro: strict line parsing", parse,
                        note: String(format: "LedgerLine(bytes:): canonical check, the five members, the event; lines average %.0f bytes", meanLine)))

        let hash = Timing.medianRate(total: seconds) { sink &+= Int(Merkle.leafHash(lines[next()]).bytes.first ?? 0) }
        let rawHash = rawSHA256LinesPerSecond(lineBytes: Int(meanLine.rounded()))
        rows.append(row("micro: leaf hashing", hash, limit: rawHash, limitName: "raw SHA-256 of a line, adjacent",
                        note: "Merkle.leafHash: SHA-256(0x00 || line); the limit hashes the same number of bytes with no prefix or copy"))

        let rawSign = probe.signRate(seconds: seconds)
        let sign = Timing.medianRate(total: seconds) {
            let event = parsed[next()].event
            let signed = try? Ledger<PartnershipRules>.sign(type: event.type, body: event.body, partnership: event.partnership,
                                                            occurred: event.occurred, id: event.id, key: signer, recorded: event.recorded)
            sink &+= signed?.signature.count ?? 0
        }
        rows.append(row("micro: signing an event (Ledger.sign)", sign, limit: rawSign.wall, limitName: "raw sign, adjacent",
                        note: String(format: "builds the event, encodes its signing bytes (%.0f bytes on average), signs; raw sign uses %d bytes",
                                     meanSigned, probe.message.count)))

        let rawVerify = probe.verifyRate(seconds: seconds)
        let verify = Timing.medianRate(total: seconds) {
            let (key, line) = signers[next()]
            if key.isValidSignature(line.signed.signature, for: line.signingBytes) { sink &+= 1 }
        }
        rows.append(row("micro: verifying an event signature", verify, limit: rawVerify.wall, limitName: "raw verify, adjacent",
                        note: "PublicKey.isValidSignature over the signing bytes sliced from the parsed line (as verify does)"))
        guard sink != 0 else { throw BenchError("the micro-benchmarks computed nothing; the build is broken") }
        return rows
    }

    private func row(_ name: String, _ rate: Timing.Rate, limit: Double? = nil, limitName: String? = nil, note: String) -> BenchRow {
        var row = BenchRow(name, Quantity(value: rate.wall, unit: "ops/s"), limit: limit.map { Quantity(value: $0, unit: "/s") },
                           limitName: limitName,
                           note: String(format: "%.0f ns/op wall, %.0f ns/op CPU; ", 1e9 / rate.wall, 1e9 / rate.cpu) + note)
        row.nsPerOp = 1e9 / rate.wall
        return row
    }

    /// SHA-256 of a buffer the size of an average line, per second (the bound of leaf hashing).
    private func rawSHA256LinesPerSecond(lineBytes: Int) -> Double {
        let block = [UInt8](repeating: 0x61, count: max(lineBytes, 1))
        var sink: UInt8 = 0
        let rate = Timing.medianRate(total: seconds, unit: 1) {
            sink ^= SHA256.hash(data: block).withUnsafeBytes { $0.first ?? 0 }
        }
        withExtendedLifetime(sink) {}
        return rate.wall
    }

    /// Up to `count` lines of the log after the first `skipping`, without their newlines.
    static func readLines(_ url: URL, skipping: Int, count: Int) throws -> [[UInt8]] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw BenchError("cannot read \(url.path)") }
        defer { try? handle.close() }
        let bytes = [UInt8](handle.readData(ofLength: 4 << 20))
        let all = bytes.split(separator: 0x0a, omittingEmptySubsequences: true).map(Array.init)
        // The last piece may be cut in the middle of a line; drop it unless the buffer ended on a newline.
        let complete = bytes.last == 0x0a ? all : Array(all.dropLast())
        return Array(complete.dropFirst(skipping).prefix(count))
    }
}
