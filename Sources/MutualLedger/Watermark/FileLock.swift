#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The right to write one set of cache files (the verified watermark, an auditor's state): an
/// exclusive `flock` on a lock file beside them, taken without waiting. Without it (another run
/// holds it, or the folder is read-only) the run reads but writes nothing.
///
/// ```swift
/// let lock = FileLock(url: dir.appendingPathComponent("verified-core.lock"), createFolder: true)
/// if lock.held { /* write */ }
/// ```
final class FileLock {
    private let fd: Int32
    let held: Bool

    init(url: URL, createFolder: Bool) {
        if createFolder {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        held = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}
