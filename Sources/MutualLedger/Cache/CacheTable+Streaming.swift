#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension CacheTable {
    /// Size of the value-file chunks ``create(_:count:produce:)`` writes at a time.
    static let streamChunk = 1 << 20

    /// ``create(_:entries:)`` without holding the entries or the values file in memory: `produce`
    /// hands each of at most `count` entries to the closure it is given, the records are written
    /// in 1 MiB chunks to a temporary file that replaces `NAME.values` at the end, and only the
    /// index (16 bytes a slot, `count * 2` slots or more) is built in memory. The files have the
    /// layout ``create(_:entries:)`` writes, with the records in the order `produce` gives them.
    ///
    /// This is what keeps `verify` flat while it saves the verified watermark: a part with a
    /// million entries used to be copied into arrays of arrays before it was written.
    ///
    /// ```swift
    /// let ref = try CacheTable.create(files, count: ids.count) { emit in
    ///     for (key, value) in ids { emit(key, value) }
    /// }
    /// ```
    public static func create(_ files: Files, count: Int,
                              produce: (_ emit: (_ key: [UInt8], _ value: [UInt8]) -> Void) -> Void) throws(LedgerError) -> Ref {
        let generation = UInt64.random(in: 1...UInt64.max)
        var capacity = 64
        while capacity < count * 2 + 2 { capacity *= 2 }
        var slots = [UInt8](repeating: 0, count: capacity * slotSize)
        let writer = try ChunkedFileWriter(files.values)
        var used = 0
        var written: Int64 = 0
        var chunk: [UInt8] = []
        chunk.reserveCapacity(streamChunk + 4096)
        var failure: LedgerError?
        produce { key, value in
            guard failure == nil else { return }
            guard used < count else {
                failure = LedgerError(.io, "a cache table got more entries than announced; delete DIR/cache and run again")
                return
            }
            let hash = Self.hash(key)
            let stored = UInt64(written + Int64(chunk.count)) + 1
            appendRecord(hash: hash, key: key, value: value, to: &chunk)
            place(hash: hash, stored: stored, into: &slots, capacity: capacity)
            used += 1
            if chunk.count >= streamChunk {
                do throws(LedgerError) {
                    try writer.write(chunk)
                    written += Int64(chunk.count)
                    chunk.removeAll(keepingCapacity: true)
                } catch {
                    failure = error
                }
            }
        }
        if failure == nil, !chunk.isEmpty {
            do throws(LedgerError) {
                try writer.write(chunk)
                written += Int64(chunk.count)
            } catch {
                failure = error
            }
        }
        if let failure {
            writer.discard()
            throw failure
        }
        try writer.commit()
        try FileIO.replaceAtomically(files.index, contents: header(generation, capacity, used) + slots, sync: false)
        return Ref(generation: generation, length: written)
    }
}

/// A file written in pieces under a temporary name, then renamed over its final name
/// (no `fsync`: cache files are checked when read and rebuilt if damaged).
final class ChunkedFileWriter {
    private let url: URL
    private let temp: URL
    private var fd: Int32

    init(_ url: URL) throws(LedgerError) {
        self.url = url
        temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LedgerError(.io, "cannot write \(temp.path): \(FileIO.lastErrorText()); check the folder is writable and the disk has space")
        }
    }

    func write(_ bytes: [UInt8]) throws(LedgerError) {
        try FileIO.writeAll(fd, bytes, path: temp.path)
    }

    /// Renames the temporary file over the final name.
    func commit() throws(LedgerError) {
        close(fd)
        fd = -1
        guard rename(temp.path, url.path) == 0 else {
            let text = FileIO.lastErrorText()
            unlink(temp.path)
            throw LedgerError(.io, "cannot replace \(url.path): \(text); check the folder is writable")
        }
    }

    /// Removes the temporary file.
    func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temp.path)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temp.path)
        }
    }
}
