import MutualLedger
import Testing

/// RFC 8785 test vectors from the reference test data (cyberphone/json-canonicalization,
/// testdata/input and testdata/output), embedded as facts. Vectors containing floats are
/// checked for rejection; float-free variants of them are checked for output.
struct CanonicalVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let output: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "arrays",
               input: "[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]",
               output: #"[56,{"1":[],"10":null,"d":true}]"#),
        Vector(name: "french",
               input: """
               {
                 "peach": "This sorting order",
                 "péché": "is wrong according to French",
                 "pêche": "but canonicalization MUST",
                 "sin":   "ingnore locale"
               }

               """,
               output: #"{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}"#),
        Vector(name: "unicode",
               input: "{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n",
               output: "{\"Unnormalized Unicode\":\"\u{1E0D}\u{0307}\"}"),
        Vector(name: "weird",
               input: #"""
               {
                 "\u20ac": "Euro Sign",
                 "1": "One",
                 "\u0080": "Control\u007f",
                 "\ud83d\ude02": "Smiley",
                 "\u00f6": "Latin Small Letter O With Diaeresis",
                 "\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "</script>": "Browser Challenge"
               }

               """#,
               output: "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u{80}\":\"Control\u{7F}\","
                   + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😂\":\"Smiley\","
                   + "\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"),
        // structures.json with its one float (56.0) written as the integer 56; same expected output.
        Vector(name: "structures (float-free)",
               input: "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56},\n  \"10\": { },\n  \"\": \"empty\",\n"
                   + "  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}",
               output: #"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"#),
        // values.json without its "numbers" member (all floats); expected output likewise trimmed.
        Vector(name: "values (float-free)",
               input: #"""
               {
                 "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                 "literals": [null, true, false]
               }
               """#,
               output: #"{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false]}"#),
    ]

    @Test(arguments: vectors)
    func canonicalizesVector(_ vector: Vector) throws {
        let value = try JSONValue(parsing: Array(vector.input.utf8))
        #expect(value.canonicalString == vector.output)
        #expect(value.canonicalBytes == Array(vector.output.utf8))
        #expect(CanonicalJSON.isCanonical(Array(vector.output.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(vector.input.utf8)))
        #expect(try CanonicalJSON.parseCanonical(Array(vector.output.utf8)) == value)
    }

    /// The original vectors that contain floating-point numbers must be refused.
    static let floatVectors: [String] = [
        // structures.json
        "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": \"empty\",\n"
            + "  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}",
        // values.json
        #"""
        {
          "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
          "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """#,
    ]

    @Test(arguments: floatVectors)
    func rejectsFloatVector(_ input: String) {
        #expect {
            _ = try JSONValue(parsing: Array(input.utf8))
        } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.code == .invalidJSON && error.message.contains("floating-point")
        }
    }
}
