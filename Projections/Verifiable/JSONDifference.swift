import MutualLedger

/// The first place two JSON values differ, as a path like `partnerships[0].rules[2].evidence[0]`
/// (object members visited in sorted order, so the answer is deterministic).
///
/// ```swift
/// let difference = JSONDifference.first(reportValue, recomputedValue)
/// difference?.path   // "totals.reciprocityScore"
/// ```
public struct JSONDifference: Sendable, Equatable {
    /// Where they differ; "$" for the whole value.
    public var path: String
    /// Short canonical text of each side, or "(absent)".
    public var left: String
    public var right: String

    public static func first(_ left: JSONValue, _ right: JSONValue, path: String = "") -> JSONDifference? {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let x = a[key], let y = b[key] else {
                    return JSONDifference(path: child, left: a[key].map(short) ?? "(absent)", right: b[key].map(short) ?? "(absent)")
                }
                if let found = first(x, y, path: child) { return found }
            }
            return nil
        case (.array(let a), .array(let b)):
            for index in 0..<max(a.count, b.count) {
                let child = "\(path)[\(index)]"
                guard index < a.count, index < b.count else {
                    return JSONDifference(path: child, left: index < a.count ? short(a[index]) : "(absent)",
                                          right: index < b.count ? short(b[index]) : "(absent)")
                }
                if let found = first(a[index], b[index], path: child) { return found }
            }
            return nil
        default:
            return left == right ? nil : JSONDifference(path: path.isEmpty ? "$" : path, left: short(left), right: short(right))
        }
    }

    static func short(_ value: JSONValue) -> String {
        let text = value.canonicalString
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}
