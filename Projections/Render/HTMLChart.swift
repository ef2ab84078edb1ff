/// An inline SVG bar chart of one partnership's flows: for each measure, a bar for A to B and one
/// for B to A, scaled to the larger of the two (measures have different units).
///
/// ```swift
/// let svg = HTMLChart(measures: row.measures, a: "kings", b: "gulu").svg()
/// ```
struct HTMLChart {
    let measures: [String: Reciprocity.Measure]
    let a: String
    let b: String

    static let labelWidth = 170, barWidth = 380, rowHeight = 34, top = 30

    func svg() -> String {
        let height = Self.top + Reciprocity.measureNames.count * Self.rowHeight + 10
        let width = Self.labelWidth + Self.barWidth + 70
        var out = ["<svg role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"12\">"]
        out.append("<title>Flows between \(escape(a)) (A) and \(escape(b)) (B)</title>")
        out.append("<rect x=\"\(Self.labelWidth)\" y=\"6\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/><text x=\"\(Self.labelWidth + 16)\" y=\"16\">\(escape(a)) to \(escape(b))</text>")
        out.append("<rect x=\"\(Self.labelWidth + 200)\" y=\"6\" width=\"12\" height=\"12\" fill=\"#dd6b20\"/><text x=\"\(Self.labelWidth + 216)\" y=\"16\">\(escape(b)) to \(escape(a))</text>")
        for (index, name) in Reciprocity.measureNames.enumerated() {
            let m = measures[name] ?? Reciprocity.Measure()
            let y = Self.top + index * Self.rowHeight
            let scale = max(m.aToB, m.bToA, 1)
            out.append("<text x=\"0\" y=\"\(y + 18)\">\(name)</text>")
            out.append(bar(x: Self.labelWidth, y: y + 2, value: m.aToB, scale: scale, colour: "#2b6cb0"))
            out.append(bar(x: Self.labelWidth, y: y + 16, value: m.bToA, scale: scale, colour: "#dd6b20"))
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    func bar(x: Int, y: Int, value: Int, scale: Int, colour: String) -> String {
        let length = value * Self.barWidth / scale
        return "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(length)\" height=\"12\" fill=\"\(colour)\"/><text x=\"\(x + length + 4)\" y=\"\(y + 11)\">\(value)</text>"
    }
}
