/// Strict readers for the members of proof and state JSON files: each names the member and
/// throws `.validation` (bad input data, exit 65).
///
/// ```swift
/// let value = try ProofJSON.object(bytes, what: "inclusion proof")
/// let size = try ProofJSON.size(value["size"], what: "inclusion proof size")
/// ```
enum ProofJSON {
    static func object(_ bytes: [UInt8], what: String) throws(LedgerError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw bad("\(what) is not valid JSON (\(error.message))")
        }
        guard value.objectValue != nil else { throw bad("\(what) is not a JSON object") }
        return value
    }

    static func onlyMembers(_ value: JSONValue, _ names: Set<String>, what: String) throws(LedgerError) {
        for key in value.objectValue?.keys.sorted() ?? [] where !names.contains(key) {
            throw bad("\(what) has an unknown member \"\(key)\"")
        }
    }

    static func size(_ value: JSONValue?, what: String) throws(LedgerError) -> Int64 {
        guard let number = value?.integerValue, number >= 0 else { throw bad("\(what) is missing or not a non-negative integer") }
        return number
    }

    static func string(_ value: JSONValue?, what: String) throws(LedgerError) -> String {
        guard let text = value?.stringValue else { throw bad("\(what) is missing or not a string") }
        return text
    }

    static func hash(_ value: JSONValue?, what: String) throws(LedgerError) -> MerkleHash? {
        guard let value else { return nil }
        guard let text = value.stringValue, let hash = MerkleHash(base64: text) else {
            throw bad("\(what) is not base64 of 32 bytes")
        }
        return hash
    }

    static func hashes(_ value: JSONValue?, what: String) throws(LedgerError) -> [MerkleHash] {
        guard let items = value?.arrayValue else { throw bad("\(what) hashes are missing or not an array") }
        var out: [MerkleHash] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, let hash = MerkleHash(base64: text) else {
                throw bad("\(what) hash \(index) is not base64 of 32 bytes")
            }
            out.append(hash)
        }
        return out
    }

    static func bad(_ problem: String) -> LedgerError {
        LedgerError(.validation, "\(problem); give the file `mutual prove` wrote, unchanged")
    }
}
