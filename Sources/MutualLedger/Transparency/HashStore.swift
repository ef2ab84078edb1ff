import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stored hashes of the ledger's Merkle tree, in the file `DIR/hashes`.
///
/// The file is a sequence of 32-byte hashes, the hash with stored-hash index
/// `i` (see ``Merkle/storedHashIndex(level:n:)``) at byte offset `32 * i`, and
/// nothing else: a tree of `n` leaves takes exactly `32 * (2n − popcount(n))`
/// bytes, so the leaf count is read off the file size. Reads and writes use
/// `pread`/`pwrite`; the file is never loaded whole.
///
/// ```swift
/// let store = try HashStore(url: dir.appending(path: "hashes"))
/// try store.append(leafHashes: lines.map { Merkle.leafHash($0) })
/// let root = try store.root(size: store.count)
/// let proof = try Merkle.proveInclusion(index: 3, size: store.count, reader: store)
/// ```
public final class HashStore: HashReader {
    /// The file this store reads and writes.
    public let url: URL
    let fd: Int32
    /// The number of leaves the stored hashes cover.
    public private(set) var count: Int64
    /// The number of 32-byte records in the file: `Merkle.storedHashCount(count)`.
    private var stored: Int64

    /// Opens the hashes file at `url`, creating an empty one if there is none
    /// (with `readOnly`, opens an existing file for reading only).
    ///
    /// Throws `.invalidFormat` if the file size is not that of a whole tree
    /// (for example after a crash in the middle of an append); rebuild it with
    /// ``rebuild(at:leaves:)``.
    public init(url: URL, readOnly: Bool = false) throws(LedgerError) {
        self.url = url
        let path = url.path
        let fd = readOnly ? open(path, O_RDONLY | O_CLOEXEC) : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.ioError("open", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = Self.ioError("stat", path)
            close(fd)
            throw error
        }
        let size = Int64(info.st_size)
        guard size % Int64(MerkleHash.byteCount) == 0, let leaves = Self.leafCount(stored: size / Int64(MerkleHash.byteCount)) else {
            close(fd)
            throw LedgerError(.invalidFormat, "hashes file \(url.lastPathComponent) has \(size) bytes, which is not a whole tree; rebuild it from events.jsonl")
        }
        self.fd = fd
        self.count = leaves
        self.stored = size / Int64(MerkleHash.byteCount)
    }

    deinit {
        close(fd)
    }

    /// The `n` with `storedHashCount(n) == stored`, if there is one.
    static func leafCount(stored: Int64) -> Int64? {
        // storedHashCount is strictly increasing and storedHashCount(n) >= n.
        var lo: Int64 = 0
        var hi = stored
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if Merkle.storedHashCount(mid) < stored { lo = mid + 1 } else { hi = mid }
        }
        return Merkle.storedHashCount(lo) == stored ? lo : nil
    }

    /// Reads the stored hashes at `indexes` (each below the stored count), one `pread` each.
    public func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
        var out: [MerkleHash] = []
        out.reserveCapacity(indexes.count)
        var buffer = [UInt8](repeating: 0, count: MerkleHash.byteCount)
        for index in indexes {
            guard index >= 0, index < stored else {
                throw LedgerError(.transparency, "stored hash \(index) is past the end of \(url.lastPathComponent) (\(stored) hashes); ask for a tree no larger than \(count) leaves")
            }
            try Self.preadFully(fd, &buffer, offset: index * Int64(MerkleHash.byteCount), path: url.path)
            guard let hash = MerkleHash(bytes: buffer) else {
                throw LedgerError(.invalidFormat, "stored hash \(index) could not be read; rebuild \(url.lastPathComponent)")
            }
            out.append(hash)
        }
        return out
    }

    /// Appends leaves (given by their leaf hashes): computes the new stored
    /// hashes, reading O(log n) existing hashes per leaf, then writes them all
    /// with one `pwrite` and one `fsync`.
    public func append(leafHashes: [MerkleHash]) throws(LedgerError) {
        if leafHashes.isEmpty { return }
        // The new hashes accumulate in the reader itself (later leaves read earlier new hashes):
        // copying them into it once per leaf made a batch quadratic in its size.
        let reader = PendingReader(store: self, base: stored)
        reader.pending.reserveCapacity(leafHashes.count * 2)
        for (offset, leaf) in leafHashes.enumerated() {
            let hashes = try Merkle.storedHashesForRecord(count + Int64(offset), leafHash: leaf, reader: reader)
            reader.pending += hashes
        }
        let pending = reader.pending
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pending.count * MerkleHash.byteCount)
        for hash in pending { bytes += hash.bytes }
        do throws(LedgerError) {
            try Self.pwriteFully(fd, bytes, offset: stored * Int64(MerkleHash.byteCount), path: url.path)
            guard fsync(fd) == 0 else { throw Self.ioError("fsync", url.path) }
        } catch {
            _ = ftruncate(fd, off_t(stored * Int64(MerkleHash.byteCount)))  // best effort: leave a whole tree behind
            throw error
        }
        stored += Int64(pending.count)
        count += Int64(leafHashes.count)
    }

    /// The root of the tree of the first `size` leaves (`size` at most ``count``).
    public func root(size: Int64) throws(LedgerError) -> MerkleHash {
        guard size >= 0, size <= count else {
            throw LedgerError(.transparency, "tree size \(size) is not within the \(count) leaves of \(url.lastPathComponent); ask for a size from 0 to \(count)")
        }
        return try Merkle.treeHash(size: size, reader: self)
    }

    /// Drops every leaf from `n` on (and the hashes that depend on them), then `fsync`s.
    public func truncate(toLeaves n: Int64) throws(LedgerError) {
        guard n >= 0, n <= count else {
            throw LedgerError(.transparency, "cannot truncate \(url.lastPathComponent) to \(n) leaves: it has \(count); pass a size from 0 to \(count)")
        }
        let newStored = Merkle.storedHashCount(n)
        guard ftruncate(fd, off_t(newStored * Int64(MerkleHash.byteCount))) == 0 else { throw Self.ioError("truncate", url.path) }
        guard fsync(fd) == 0 else { throw Self.ioError("fsync", url.path) }
        stored = newStored
        count = n
    }

    /// Writes a new hashes file for `leaves` (the raw leaf bytes, in order) and
    /// opens it. Crash-safe: writes a temporary file next to `url`, `fsync`s
    /// it, renames it over `url`, then `fsync`s the directory.
    ///
    /// ```swift
    /// let store = try HashStore.rebuild(at: dir.appending(path: "hashes"), leaves: lines)
    /// ```
    @discardableResult
    public static func rebuild(at url: URL, leaves: some Sequence<[UInt8]>) throws(LedgerError) -> HashStore {
        let directory = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("open", temporary) }
        do throws(LedgerError) {
            // The right edge of the tree: complete subtrees (level, hash), largest first.
            var edge: [(level: Int, hash: MerkleHash)] = []
            var buffer: [UInt8] = []
            var written: Int64 = 0
            for leaf in leaves {
                var hash = Merkle.leafHash(leaf)
                var level = 0
                buffer += hash.bytes
                while let last = edge.last, last.level == level {
                    edge.removeLast()
                    hash = Merkle.nodeHash(last.hash, hash)
                    level += 1
                    buffer += hash.bytes
                }
                edge.append((level, hash))
                if buffer.count >= 1 << 16 {
                    try pwriteFully(fd, buffer, offset: written, path: temporary)
                    written += Int64(buffer.count)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try pwriteFully(fd, buffer, offset: written, path: temporary)
            guard fsync(fd) == 0 else { throw ioError("fsync", temporary) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, url.path) == 0 else {
            let error = ioError("rename", temporary)
            unlink(temporary)
            throw error
        }
        let dirfd = open(directory, O_RDONLY | O_CLOEXEC)
        guard dirfd >= 0 else { throw ioError("open", directory) }
        defer { close(dirfd) }
        guard fsync(dirfd) == 0 else { throw ioError("fsync", directory) }
        return try HashStore(url: url)
    }

    // MARK: - POSIX helpers

    private static func ioError(_ operation: String, _ path: String) -> LedgerError {
        let reason = String(cString: strerror(errno))
        return LedgerError(.io, "cannot \(operation) \(path): \(reason); check the path, permissions and free disk space")
    }

    private static func preadFully(_ fd: Int32, _ buffer: inout [UInt8], offset: Int64, path: String) throws(LedgerError) {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(fd, base + done, raw.count - done, off_t(offset + Int64(done)))
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw ioError("read", path) }
            if n == 0 { throw LedgerError(.io, "unexpected end of \(path) at byte \(offset + Int64(done)); rebuild the hashes file") }
            done += n
        }
    }

    private static func pwriteFully(_ fd: Int32, _ bytes: [UInt8], offset: Int64, path: String) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pwrite(fd, base + done, raw.count - done, off_t(offset + Int64(done)))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw ioError("write", path) }
            done += n
        }
    }
}

/// Reads stored hashes from the file, or from the batch not yet written.
private final class PendingReader: HashReader {
    let store: HashStore
    let base: Int64
    var pending: [MerkleHash] = []

    init(store: HashStore, base: Int64) {
        self.store = store
        self.base = base
    }

    func readHashes(_ indexes: [Int64]) throws(LedgerError) -> [MerkleHash] {
        let onDisk = try store.readHashes(indexes.filter { $0 < base })
        var next = onDisk.makeIterator()
        var out: [MerkleHash] = []
        for index in indexes {
            if index < base {
                guard let hash = next.next() else { break }
                out.append(hash)
            } else {
                let i = Int(index - base)
                guard i < pending.count else {
                    throw LedgerError(.transparency, "stored hash \(index) is not yet computed; this is a bug in HashStore.append")
                }
                out.append(pending[i])
            }
        }
        return out
    }
}
