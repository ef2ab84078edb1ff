/// Fixed-point numbers in thousandths, so reports never depend on floating-point formatting.
///
/// ```swift
/// Decimal3.ratio(1, 3)     // 333
/// Decimal3.ratio(-2, 3)    // -667
/// Decimal3.text(-667)      // "-0.667"
/// Decimal3.text(1000)      // "1.000"
/// ```
public enum Decimal3 {
    /// numerator / denominator in thousandths, rounded half away from zero. `denominator` > 0.
    public static func ratio(_ numerator: Int, _ denominator: Int) -> Int {
        let scaled = abs(numerator) * 1000
        let rounded = (scaled * 2 + denominator) / (denominator * 2)
        return numerator < 0 ? -rounded : rounded
    }

    /// `-0.667`, `0.000`, `1.000`.
    public static func text(_ thousandths: Int) -> String {
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return (thousandths < 0 ? "-" : "") + "\(magnitude / 1000).\(padded)"
    }

    /// Percent with no decimals, rounded half up: `percent(2, 3)` is 67.
    public static func percent(_ part: Int, _ whole: Int) -> Int {
        whole > 0 ? (part * 200 + whole) / (whole * 2) : 0
    }
}
