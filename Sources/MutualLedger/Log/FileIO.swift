#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small POSIX file helpers with `LedgerError` messages (no whole-file loads of the log).
///
/// ```swift
/// try FileIO.createExclusive(url, contents: bytes, mode: 0o600, what: "key file")
/// try FileIO.replaceAtomically(url, contents: bytes)   // temp file, fsync, rename, fsync dir
/// ```
public enum FileIO {
    /// Creates `url` with `contents`; fails if it already exists. Crash-safe: the bytes go to a
    /// temporary file beside it (mode `mode` from the start), are flushed, and are then hard-linked
    /// to `url`, which fails if `url` exists; so `url` never appears empty or half written, even
    /// after a kill or power cut. Falls back to `O_EXCL` on file systems without hard links.
    public static func createExclusive(_ url: URL, contents: [UInt8], mode: mode_t, what: String) throws(LedgerError) {
        var info = stat()
        if lstat(url.path, &info) == 0 {
            throw LedgerError(.alreadyExists, "\(what) \(url.path) already exists; choose another path or remove it first")
        }
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).new-\(getpid())")
        unlink(temp.path)
        try writeNew(temp, contents: contents, mode: mode, what: what)
        if link(temp.path, url.path) != 0 {
            let code = errno
            unlink(temp.path)
            if code == EEXIST {
                throw LedgerError(.alreadyExists, "\(what) \(url.path) already exists; choose another path or remove it first")
            }
            guard code == EPERM || code == EOPNOTSUPP || code == ENOSYS else {
                throw LedgerError(.io, "cannot create \(what) \(url.path): \(String(cString: strerror(code))); check the folder exists and is writable")
            }
            try writeNew(url, contents: contents, mode: mode, what: what)
        } else {
            unlink(temp.path)
        }
        syncDirectory(url.deletingLastPathComponent())
    }

    /// Writes a new file (`O_EXCL`) with `contents` and mode `mode`, flushed; removed again on failure.
    private static func writeNew(_ url: URL, contents: [UInt8], mode: mode_t, what: String) throws(LedgerError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw LedgerError(.alreadyExists, "\(what) \(url.path) already exists; choose another path or remove it first")
            }
            throw LedgerError(.io, "cannot create \(what) \(url.path): \(lastErrorText()); check the folder exists and is writable")
        }
        defer { close(fd) }
        do {
            fchmod(fd, mode)
            try writeAll(fd, contents, path: url.path)
            try sync(fd, path: url.path)
        } catch {
            unlink(url.path)
            throw error
        }
    }

    /// Replaces `url` atomically: write a temporary file beside it, fsync, rename, fsync the folder.
    /// With `sync: false` (caches only, which can always be rebuilt) nothing is flushed.
    public static func replaceAtomically(_ url: URL, contents: [UInt8], mode: mode_t = 0o644, sync flush: Bool = true) throws(LedgerError) {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw LedgerError(.io, "cannot write \(temp.path): \(lastErrorText()); check the folder is writable and the disk has space")
        }
        do {
            try writeAll(fd, contents, path: temp.path)
            if flush { try sync(fd, path: temp.path) }
        } catch {
            close(fd)
            unlink(temp.path)
            throw error
        }
        close(fd)
        guard rename(temp.path, url.path) == 0 else {
            let text = lastErrorText()
            unlink(temp.path)
            throw LedgerError(.io, "cannot replace \(url.path): \(text); check the folder is writable")
        }
        if flush { syncDirectory(url.deletingLastPathComponent()) }
    }

    /// Writes every byte, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(LedgerError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                throw LedgerError(.io, "cannot write \(path): \(String(cString: strerror(code)))\(code == ENOSPC || code == EFBIG ? "; free disk space and try again" : "; check the disk and permissions")")
            }
            offset += written
        }
    }

    /// Free space an append must leave for what follows it (hash store, checkpoints, cache).
    public static let appendReserve: Int64 = 64 << 10

    /// Refuses, before a byte is written, an append of `count` bytes to a file of `currentSize`
    /// bytes that would break the process's file-size limit (`ulimit -f`) or find the disk full,
    /// so a full disk leaves the ledger exactly as it was rather than half updated.
    public static func requireRoom(_ fd: Int32, adding count: Int, currentSize: Int64, path: String) throws(LedgerError) {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
        let resource = RLIMIT_FSIZE
        #endif
        if getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max,
           currentSize + Int64(count) + appendReserve > Int64(clamping: limit.rlim_cur) {
            throw LedgerError(.io, "cannot write \(path): the file-size limit of this process (ulimit -f, \(limit.rlim_cur) bytes) leaves no room for \(count) more bytes; raise the limit and try again")
        }
        var info = statvfs()
        if fstatvfs(fd, &info) == 0 {
            let free = Int64(clamping: info.f_bavail) &* Int64(clamping: info.f_frsize)
            if free < Int64(count) + appendReserve {
                throw LedgerError(.io, "cannot write \(path): the disk has \(free) bytes free, too few for \(count) bytes and the checkpoint after them; free disk space and try again")
            }
        }
    }

    /// `fsync`, as a `LedgerError` on failure.
    public static func sync(_ fd: Int32, path: String) throws(LedgerError) {
        guard fsync(fd) == 0 else {
            throw LedgerError(.io, "cannot flush \(path) to disk: \(lastErrorText()); check the disk")
        }
    }

    /// Flushes a directory entry (after create or rename). Best effort.
    public static func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Reads up to `count` bytes at `offset`.
    public static func read(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(LedgerError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress.map { $0 + filled }, count - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.io, "cannot read \(path): \(lastErrorText()); check the file and its permissions")
            }
            if n == 0 { break }
            filled += n
        }
        buffer.removeSubrange(filled...)
        return buffer
    }

    /// The size of an open file.
    public static func size(_ fd: Int32, path: String) throws(LedgerError) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw LedgerError(.io, "cannot stat \(path): \(lastErrorText())")
        }
        return Int64(info.st_size)
    }

    /// Reads a small whole file (keys, checkpoints, bodies), refusing anything over `limit` bytes.
    public static func readSmallFile(_ url: URL, limit: Int = 16 << 20, what: String) throws(LedgerError) -> [UInt8] {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT {
                throw LedgerError(.notFound, "\(what) \(url.path) does not exist; check the path")
            }
            throw LedgerError(.io, "cannot open \(what) \(url.path): \(lastErrorText()); check the path and permissions")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw LedgerError(.validation, "\(what) \(url.path) is not a regular file; give the path of a file")
        }
        guard info.st_size <= limit else {
            throw LedgerError(.validation, "\(what) \(url.path) is larger than \(limit) bytes; give a smaller file")
        }
        return try read(fd, count: Int(info.st_size), at: 0, path: url.path)
    }

    static func lastErrorText() -> String { String(cString: strerror(errno)) }
}
