#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An open `events.jsonl`: locking, reading lines in a stream, finding the tail, appending.
///
/// Appends are one `write` to a descriptor opened with `O_APPEND`, then `fsync`, under an
/// exclusive `flock`, so concurrent writers never interleave. Readers take a shared lock only
/// long enough to learn where the last complete line ends.
///
/// ```swift
/// let log = try LogFile.open(dir.events, writable: false)
/// let end = try log.stableEnd(timeout: 10)
/// try log.forEachLine(upTo: end) { offset, line in print(line.count); return true }
/// ```
public final class LogFile {
    /// Lines longer than this are refused (a guard against hostile files).
    public static let maxLineLength = 1 << 20

    public let url: URL
    let fd: Int32

    private init(url: URL, fd: Int32) {
        self.url = url
        self.fd = fd
    }

    deinit { close(fd) }

    /// Opens the log for reading, or for reading and appending.
    public static func open(_ url: URL, writable: Bool) throws(LedgerError) -> LogFile {
        let flags = writable ? (O_RDWR | O_APPEND | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC)
        let fd = Glibc.open(url.path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == EACCES || code == EROFS {
                throw LedgerError(.io, "cannot open \(url.path) for \(writable ? "writing" : "reading"): \(String(cString: strerror(code))); this command needs a \(writable ? "writable" : "readable") ledger")
            }
            throw LedgerError(.notFound, "cannot open \(url.path): \(String(cString: strerror(code))); check --ledger")
        }
        return LogFile(url: url, fd: fd)
    }

    // MARK: Locking

    /// Takes the exclusive lock, waiting up to `timeout` seconds.
    public func lockExclusive(timeout: Double) throws(LedgerError) { try lock(LOCK_EX, timeout: timeout) }

    /// Takes a shared lock, waiting up to `timeout` seconds.
    public func lockShared(timeout: Double) throws(LedgerError) { try lock(LOCK_SH, timeout: timeout) }

    public func unlock() { flock(fd, LOCK_UN) }

    private func lock(_ operation: Int32, timeout: Double) throws(LedgerError) {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while flock(fd, operation | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw LedgerError(.io, "cannot lock \(url.path): \(String(cString: strerror(errno))); check the file system supports flock")
            }
            guard Date() < deadline else {
                throw LedgerError(.lockTimeout, "another mutual process has held the ledger lock for over \(Int(timeout)) s; wait for it to finish, or raise MUTUAL_LOCK_TIMEOUT")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    // MARK: Reading

    public func size() throws(LedgerError) -> Int64 { try FileIO.size(fd, path: url.path) }

    /// The end of the last complete line as the log stands now, read under a brief shared lock,
    /// so a line being appended by another process is never seen half-written.
    public func stableEnd(timeout: Double) throws(LedgerError) -> Int64 {
        try lockShared(timeout: timeout)
        defer { unlock() }
        return try size()
    }

    /// Calls `body` with each complete line (without its newline) in `[offset, end)`, in order,
    /// with the line's starting offset. `body` returns false to stop early.
    /// Bytes after the last newline before `end` are not passed; ``tail()`` judges them.
    public func forEachLine(from offset: Int64 = 0, upTo end: Int64,
                            _ body: (Int64, UnsafeRawBufferPointer) throws(LedgerError) -> Bool) throws(LedgerError) {
        var buffer = [UInt8](repeating: 0, count: 2 * Self.maxLineLength)
        var bufferStart = offset   // file offset of buffer[0]
        var filled = 0
        var readOffset = offset
        while true {
            let want = min(Int64(buffer.count - filled), end - readOffset)
            var atEnd = want <= 0
            if want > 0 {
                let n = buffer.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress.map { $0 + filled }, Int(want), off_t(readOffset)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LedgerError(.io, "cannot read \(url.path): \(String(cString: strerror(errno))); check the file and its permissions")
                }
                filled += n
                readOffset += Int64(n)
                atEnd = n == 0 || readOffset >= end
            }
            var start = 0
            var failure: LedgerError?
            let keepGoing: Bool = buffer.withUnsafeBytes { raw -> Bool in
                guard let base = raw.baseAddress else { return false }
                while start < filled, let newline = memchr(base + start, 0x0a, filled - start) {
                    let position = base.distance(to: UnsafeRawPointer(newline))
                    do throws(LedgerError) {
                        guard position - start <= Self.maxLineLength else {
                            throw LedgerError(.invalidFormat, "the line at byte \(bufferStart + Int64(start)) is longer than \(Self.maxLineLength) bytes; this is not a Mutual log line")
                        }
                        if try !body(bufferStart + Int64(start), UnsafeRawBufferPointer(rebasing: raw[start..<position])) { return false }
                    } catch {
                        failure = error
                        return false
                    }
                    start = position + 1
                }
                return true
            }
            if let failure { throw failure }
            if !keepGoing || atEnd { return }
            if start == 0 && filled == buffer.count {
                throw LedgerError(.invalidFormat, "the line at byte \(bufferStart) is longer than \(Self.maxLineLength) bytes; this is not a Mutual log line")
            }
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    if let base = raw.baseAddress { memmove(base, base + start, filled - start) }
                }
                filled -= start
                bufferStart += Int64(start)
            }
        }
    }

    /// Reads `count` bytes at `offset`.
    public func read(at offset: Int64, count: Int) throws(LedgerError) -> [UInt8] {
        try FileIO.read(fd, count: count, at: offset, path: url.path)
    }

    // MARK: Writing

    /// Appends `bytes` (whole lines) with one `write`, then `fsync`. The caller holds the exclusive lock.
    public func append(_ bytes: [UInt8]) throws(LedgerError) {
        let before = try size()
        try FileIO.requireRoom(fd, adding: bytes.count, currentSize: before, path: url.path)
        do {
            try FileIO.writeAll(fd, bytes, path: url.path)
            try FileIO.sync(fd, path: url.path)
        } catch {
            // Leave the log as it was: take back any part of the write that landed.
            if ftruncate(fd, off_t(before)) == 0 { fsync(fd) }
            throw error
        }
    }

    /// Cuts the file to `length` bytes and flushes. The caller holds the exclusive lock.
    public func truncate(to length: Int64) throws(LedgerError) {
        guard ftruncate(fd, off_t(length)) == 0 else {
            throw LedgerError(.io, "cannot truncate \(url.path): \(String(cString: strerror(errno))); check the ledger is writable")
        }
        try FileIO.sync(fd, path: url.path)
    }
}
