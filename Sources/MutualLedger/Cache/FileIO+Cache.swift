#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// File helpers for `DIR/cache/`: files that can be lost at any time, so they are written
/// without `fsync` (a file damaged by a power cut fails its checks and is rebuilt).
extension FileIO {
    /// Writes every byte at `offset` (`pwrite`), retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64, path: String) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                pwrite(fd, buffer.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset) + off_t(done))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.io, "cannot write \(path): \(lastErrorText()); check the disk and permissions")
            }
            done += written
        }
    }

    /// Replaces `url` by renaming a temporary file over it; with `sync: false`, without flushing
    /// (for caches only).
    public static func replaceAtomically(_ url: URL, contents: [UInt8], sync: Bool) throws(LedgerError) {
        if sync {
            try replaceAtomically(url, contents: contents)
            return
        }
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LedgerError(.io, "cannot write \(temp.path): \(lastErrorText()); check the folder is writable and the disk has space")
        }
        do {
            try writeAll(fd, contents, path: temp.path)
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
    }
}
