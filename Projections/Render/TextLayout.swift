/// Small helpers for fixed-width text: padding and word wrapping (by Unicode scalars, which is
/// exact for the ASCII this project writes and safe for the rest).
///
/// ```swift
/// TextLayout.pad("R1", 4)                      // "R1  "
/// TextLayout.wrap("a long reason", width: 6)   // ["a long", "reason"]
/// ```
public enum TextLayout {
    public static func width(_ text: String) -> Int { text.unicodeScalars.count }

    public static func pad(_ text: String, _ width: Int) -> String {
        let clipped = clip(text, width)
        return clipped + String(repeating: " ", count: max(0, width - self.width(clipped)))
    }

    public static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - self.width(text))) + text
    }

    public static func clip(_ text: String, _ width: Int) -> String {
        guard self.width(text) > width else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, width - 1)))) + "…"
    }

    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0   // width(current), kept as words are added (linear in the text)
        for piece in text.split(separator: " ") {
            var word = String(piece)
            var wordWidth = self.width(word)
            if wordWidth > width {
                word = clip(word, width)
                wordWidth = self.width(word)
            }
            if current.isEmpty {
                current = word
                currentWidth = wordWidth
            } else if currentWidth + 1 + wordWidth <= width {
                current += " "
                current += word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                current = word
                currentWidth = wordWidth
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
