#if canImport(Glibc)
import Glibc
#endif

extension EventID {
    /// `count` fresh event ids of the form ``random()`` gives (lowercase version-4 UUIDs), from
    /// one read of the system's random source instead of one per id: what a bulk append stamps
    /// its events with.
    ///
    /// ```swift
    /// let ids = EventID.random(count: 3)   // ["3f2b...-...-4...-...", ...], each EventID.isValid
    /// ```
    public static func random(count: Int) -> [String] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: 16 * count)
        fillRandom(&bytes)
        let digits = Array("0123456789abcdef".utf8)
        return (0..<count).map { index in
            var text = [UInt8]()
            text.reserveCapacity(36)
            for offset in 0..<16 {
                var byte = bytes[16 * index + offset]
                if offset == 6 { byte = byte & 0x0f | 0x40 }   // version 4
                if offset == 8 { byte = byte & 0x3f | 0x80 }   // RFC 4122 variant
                if offset == 4 || offset == 6 || offset == 8 || offset == 10 { text.append(UInt8(ascii: "-")) }
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// Fills `bytes` from the system's cryptographically secure random source: one read of
    /// `/dev/urandom` where there is one, else the standard library's generator.
    private static func fillRandom(_ bytes: inout [UInt8]) {
        var filled = 0
        #if canImport(Glibc)
        let source = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        if source >= 0 {
            bytes.withUnsafeMutableBytes { buffer in
                while filled < buffer.count {
                    guard let base = buffer.baseAddress else { break }
                    let got = read(source, base + filled, buffer.count - filled)
                    if got <= 0 { break }
                    filled += got
                }
            }
            close(source)
        }
        #endif
        var generator = SystemRandomNumberGenerator()
        while filled < bytes.count {
            bytes[filled] = UInt8.random(in: 0...255, using: &generator)
            filled += 1
        }
    }
}
