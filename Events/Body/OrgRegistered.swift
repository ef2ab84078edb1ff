import MutualLedger

/// `org.registered`: an organisation taking part in partnerships (recorded by a steward).
///
/// ```json
/// {"id": "gulu-rrh", "name": "Gulu Regional Referral Hospital", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"}
/// ```
///
/// ```swift
/// let org = try OrgRegistered(body: ["id": "gulu-rrh", "name": "Gulu RRH", "country": "UG", "incomeGroup": "LIC", "kind": "hospital"])
/// org.incomeGroup   // .lic
/// ```
public struct OrgRegistered: PartnershipEventBody {
    public static let type = "org.registered"
    public static let schema = 1

    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2 country code, e.g. `UG`.
    public var country: String
    public var incomeGroup: IncomeGroup
    /// What the organisation is: `nhs-trust`, `hospital`, `university`, `ngo`, `ministry`, ...
    public var kind: String

    public init(id: String, name: String, country: String, incomeGroup: IncomeGroup, kind: String) {
        self.id = id
        self.name = name
        self.country = country
        self.incomeGroup = incomeGroup
        self.kind = kind
    }

    public init(body: [String: JSONValue]) throws(LedgerError) {
        let fields = try BodyFields(body, type: Self.type, required: ["id", "name", "country", "incomeGroup", "kind"])
        id = try fields.identifier("id")
        name = try fields.text("name", max: 200)
        let country = try fields.text("country", max: 2)
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5a }) else {
            throw fields.fail("country", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. UG or GB")
        }
        self.country = country
        incomeGroup = try fields.choice("incomeGroup")
        kind = try fields.identifier("kind")
    }
}
