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
        var failure: LedgerError?
        bytes.withUnsafeBytes { buffer in
            do throws(LedgerError) {
                try writeExactly(fd, buffer, at: offset, path: path)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Fills `buffer` from `offset` (`pread`), retrying short reads and EINTR; a file that ends
    /// before the buffer is full is an error.
    static func readExactly(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws(LedgerError) {
        var filled = 0
        while filled < buffer.count {
            let n = pread(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled, off_t(offset) + off_t(filled))
            if n < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.io, "cannot read \(path): \(lastErrorText()); check the file and its permissions")
            }
            guard n > 0 else { throw LedgerError(.io, "\(path) is shorter than expected; delete DIR/cache") }
            filled += n
        }
    }

    /// Writes every byte of `buffer` at `offset` (`pwrite`), retrying short writes and EINTR.
    static func writeExactly(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(LedgerError) {
        var done = 0
        while done < buffer.count {
            let written = pwrite(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset) + off_t(done))
            if written < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.io, "cannot write \(path): \(lastErrorText()); check the disk and permissions")
            }
            done += written
        }
    }
}

