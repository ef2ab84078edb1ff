import Foundation
import MutualLedger
import Testing

struct AccessAndCodableTests {
    struct Traveller: Codable, Equatable {
        var name: String
        var seniority: String?
        var tags: [[String]]
    }

    struct Trip: Codable, Equatable {
        var id: Int
        var open: Bool
        var note: String?
        var travellers: [Traveller]
        var matrix: [[Int?]]
    }

    static let trip = Trip(
        id: 7, open: true, note: nil,
        travellers: [
            Traveller(name: "Ada", seniority: "senior", tags: [["x"], []]),
            Traveller(name: "Bo", seniority: nil, tags: []),
        ],
        matrix: [[1, nil], [], [3]])

    @Test func accessors() throws {
        let value: JSONValue = ["name": "Gulu", "beds": 12, "open": true, "rooms": [1, 2], "none": nil, "sub": ["a": 1]]
        #expect(value["name"]?.stringValue == "Gulu")
        #expect(value["beds"]?.integerValue == 12)
        #expect(value["beds"]?.intValue == 12)
        #expect(value["open"]?.boolValue == true)
        #expect(value["rooms"]?.arrayValue == [1, 2])
        #expect(value["sub"]?.objectValue == ["a": 1])
        #expect(value["none"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(JSONValue.integer(1)["name"] == nil)
        #expect(JSONValue.string("x").integerValue == nil)
        #expect(JSONValue.null.stringValue == nil)
        #expect(!JSONValue.bool(false).isNull)
    }

    @Test func codableRoundTrip() throws {
        let value = try JSONValue(encoding: Self.trip)
        #expect(value["note"] == nil, "nil optionals are omitted")
        #expect(value["travellers"]?.arrayValue?.first?["seniority"] == "senior")
        #expect(value["matrix"] == [[1, nil], [], [3]])
        #expect(try value.decode(Trip.self) == Self.trip)
        let reparsed = try CanonicalJSON.parseCanonical(value.canonicalBytes)
        #expect(try reparsed.decode(Trip.self) == Self.trip)
    }

    @Test func encodingRejectsDoubles() {
        struct Price: Encodable { var amount: Double }
        struct Wrapper: Encodable { var items: [Price] }
        do {
            _ = try JSONValue(encoding: Wrapper(items: [Price(amount: 1.0)]))
            Issue.record("a whole Double was accepted")
        } catch {
            #expect(error.code == .invalidJSON)
            #expect(error.message.contains("items[0].amount"), "\(error.message)")
            #expect(error.message.contains("floating-point"))
        }
    }

    @Test func encodingRejectsUnsafeIntegers() {
        #expect(throws: LedgerError.self) { _ = try JSONValue(encoding: [Int64(1) << 53]) }
        #expect(throws: LedgerError.self) { _ = try JSONValue(encoding: UInt64.max) }
    }

    @Test func decodeFailureNamesFieldPath() throws {
        var value = try JSONValue(encoding: Self.trip)
        guard case .object(var members) = value, case .array(var travellers)? = members["travellers"],
              case .object(var first) = travellers[0] else {
            Issue.record("unexpected shape")
            return
        }
        first["seniority"] = 3
        travellers[0] = .object(first)
        members["travellers"] = .array(travellers)
        value = .object(members)
        do {
            _ = try value.decode(Trip.self)
            Issue.record("decoded a mistyped seniority")
        } catch {
            #expect(error.code == .invalidJSON)
            #expect(error.message == #"field "travellers[0].seniority": expected a string; correct its type"#)
        }

        members["id"] = nil
        do {
            _ = try JSONValue.object(members).decode(Trip.self)
            Issue.record("decoded without id")
        } catch {
            #expect(error.code == .invalidJSON)
            #expect(error.message.hasPrefix(#"field "id": missing"#), "\(error.message)")
        }
    }

    @Test func jsonValueIsCodable() throws {
        let value: JSONValue = ["a": [1, "two", nil, true, ["b": -3]]]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("[2.0]".utf8)) == [2])
        #expect(throws: (any Error).self) { _ = try JSONDecoder().decode(JSONValue.self, from: Data("2.5".utf8)) }
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("[1,0]".utf8)) == [1, 0], "numbers stay integers")
    }

    @Test func literals() {
        let value: JSONValue = ["s": "x", "i": 1, "b": false, "a": [nil], "o": [:]]
        #expect(value == .object(["s": .string("x"), "i": .integer(1), "b": .bool(false),
                                  "a": .array([.null]), "o": .object([:])]))
    }
}
