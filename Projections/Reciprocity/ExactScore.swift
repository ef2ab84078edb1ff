/// The reciprocity score computed exactly: `1 − mean |balance|` over the non-null measures, where
/// each balance is the exact fraction `(BtoA − AtoB) / (BtoA + AtoB)` (not its rounded text), and
/// the result is rounded once to thousandths, half away from zero.
///
/// With n measures of totals t_i and differences d_i = |BtoA − AtoB|, the score is
/// `1 − N / (n·P)` with `P = Π t_i` and `N = Σ d_i · P / t_i`. These products outgrow 64 bits for
/// large counts, so they are held in ``Natural``; the rounded result is found by comparing
/// integers only.
///
/// ```swift
/// ExactScore.thousandths([(aToB: 1, bToA: 0), (aToB: 1, bToA: 2)])   // balances −1 and 1/3: 1 − 2/3 → 333
/// ExactScore.thousandths([(aToB: 1, bToA: 5), (aToB: 5, bToA: 5)])   // balances 2/3 and 0: 1 − 1/3 → 667
/// ExactScore.thousandths([])                                          // nil: no measure has a balance
/// ```
public enum ExactScore {
    /// The score in thousandths (0...1000), or nil when every measure has zero flows both ways.
    public static func thousandths(_ measures: [(aToB: Int, bToA: Int)]) -> Int? {
        let terms = measures.compactMap { m -> (difference: UInt64, total: UInt64)? in
            let a = UInt64(m.aToB.magnitude), b = UInt64(m.bToA.magnitude)
            guard a + b > 0 else { return nil }
            return (a > b ? a - b : b - a, a + b)
        }
        guard !terms.isEmpty else { return nil }
        // P = Π t_i, N = Σ d_i · Π_{j≠i} t_j; mean |balance| = N / (n·P).
        var product = Natural(1)
        for term in terms { product = product * Natural(term.total) }
        var sum = Natural(0)
        for (i, term) in terms.enumerated() {
            var others = Natural(term.difference)
            for (j, other) in terms.enumerated() where j != i { others = others * Natural(other.total) }
            sum = sum + others
        }
        let nP = Natural(UInt64(terms.count)) * product
        // score = 1000 − 1000·N/(n·P) ≥ 0, rounded half up (= half away from zero for a non-negative value):
        // the largest s in 0...1000 with s − 1/2 ≤ score, i.e. 2000·N + (2s − 1)·n·P ≤ 2000·n·P (s ≥ 1).
        let twoThousandN = Natural(2000) * sum
        let limit = Natural(2000) * nP
        func fits(_ s: Int) -> Bool { s == 0 || !(limit < twoThousandN + Natural(UInt64(2 * s - 1)) * nP) }
        var low = 0, high = 1000
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

/// A non-negative integer of any size: just addition, multiplication and comparison, for exact
/// sums of fractions (little-endian 32-bit limbs, no high zero limbs).
///
/// ```swift
/// let big = Natural(UInt64.max) * Natural(UInt64.max)
/// Natural(3) < big   // true
/// ```
public struct Natural: Sendable, Equatable, Comparable {
    private var limbs: [UInt32]

    public init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        trim()
    }

    private mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    public static func + (lhs: Natural, rhs: Natural) -> Natural {
        var result: [UInt32] = []
        result.reserveCapacity(max(lhs.limbs.count, rhs.limbs.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(lhs.limbs.count, rhs.limbs.count) {
            let total = UInt64(index < lhs.limbs.count ? lhs.limbs[index] : 0) + UInt64(index < rhs.limbs.count ? rhs.limbs[index] : 0) + carry
            result.append(UInt32(truncatingIfNeeded: total))
            carry = total >> 32
        }
        result.append(UInt32(carry))
        return Natural(limbs: result)
    }

    public static func * (lhs: Natural, rhs: Natural) -> Natural {
        guard !lhs.limbs.isEmpty, !rhs.limbs.isEmpty else { return Natural(0) }
        var result = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, a) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.limbs.enumerated() {
                // a·b + result + carry ≤ (2^32−1)^2 + 2·(2^32−1) < 2^64.
                let total = UInt64(a) * UInt64(b) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: total)
                carry = total >> 32
            }
            result[i + rhs.limbs.count] = UInt32(carry)
        }
        return Natural(limbs: result)
    }

    public static func < (lhs: Natural, rhs: Natural) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}
