/// Where an object sits inside an event body, for messages: the body itself (``root``) or one
/// item of a list member, e.g. `travellers[2]`. Kept as its parts and spelled out only when a
/// message needs it (spelling it for every item of every body read was a string format per item).
///
/// ```swift
/// let path = BodyPath.root.item("travellers", 2)
/// path.text              // "travellers[2]"
/// path.name("cadre")     // "travellers[2].cadre"
/// BodyPath.root.name("visit")   // "visit"
/// ```
struct BodyPath {
    /// The spelled path of the enclosing object ("" for the body itself).
    private let parent: String
    /// The list member holding this object, nil for the body itself.
    private let field: String?
    private let index: Int

    private init(parent: String, field: String?, index: Int) {
        self.parent = parent
        self.field = field
        self.index = index
    }

    /// The body itself.
    static let root = BodyPath(parent: "", field: nil, index: 0)

    /// Item `index` of the list member `field` of this object.
    func item(_ field: String, _ index: Int) -> BodyPath {
        BodyPath(parent: text, field: field, index: index)
    }

    /// The path as messages show it: "" for the body, `travellers[2]` for an item.
    var text: String {
        guard let field else { return parent }
        let item = "\(field)[\(index)]"
        return parent.isEmpty ? item : "\(parent).\(item)"
    }

    /// The path of member `field` of this object, as messages show it.
    func name(_ field: String) -> String {
        let text = text
        return text.isEmpty ? field : "\(text).\(field)"
    }
}
