/// The three sample partnerships (see ``SampleHistory``).
extension SamplePlan {
    /// nb-lk: two-way, senior, host-led, debriefed, system learning both ways.
    mutating func exemplary() {
        let p = "nb-lk", a = "northbridge", b = "lakeside"
        visits(Style(partnership: p, a: a, b: b, visits: 20, firstStart: Self.day("2024-02-05"), spacingDays: 33,
                     fromB: { $0 % 2 == 1 }, mode: { $0 % 5 == 4 ? "remote" : ($0 % 7 == 3 ? "hybrid" : "in-person") },
                     seniors: { $0 % 4 == 3 ? 0 : 1 }, needs: { $0 % 3 == 0 ? "joint" : "host" }, briefed: { _ in true },
                     confirmed: { _ in true }, debriefAfter: { 7 + $0 % 10 }, othersAttending: { 4 + $0 % 6 },
                     learning: { i, _, to in [(to, ["service", "system", "professional"][i % 3]), (to == a ? b : a, "personal")] }))
        mission(p, version: 1, on: "2024-01-15", by: a, endorsedBy: b, directions: [a, b], levels: ["personal", "institutional"],
                text: "Both hospitals learn from each other, as people and as institutions.")
        mission(p, version: 2, on: "2025-07-01", by: b, endorsedBy: a, directions: [a, b], levels: ["personal", "institutional"],
                text: "Both hospitals learn from each other; learning is shared beyond those who travel.")
        innovation(p, "nb-lk-i1", from: b, to: a, on: "2024-05-20", title: "Task-shifted triage by nurses", frugal: true,
                   statuses: [("considered", "2024-06-10"), ("piloted", "2024-09-01"), ("adopted", "2025-01-15"), ("scaled", "2025-08-01")])
        innovation(p, "nb-lk-i2", from: a, to: b, on: "2024-08-12", title: "Electronic handover template", frugal: false,
                   statuses: [("considered", "2024-09-01"), ("piloted", "2025-02-01")])
        innovation(p, "nb-lk-i3", from: b, to: a, on: "2025-03-03", title: "Community follow-up by phone", frugal: true,
                   statuses: [("considered", "2025-04-01"), ("abandoned", "2025-09-15")])
    }

    /// rv-hl: mostly one way, juniors, sender-defined needs, missed and closed debriefs.
    mutating func oneWay() {
        let p = "rv-hl", a = "riverside", b = "highland"
        visits(Style(partnership: p, a: a, b: b, visits: 16, firstStart: Self.day("2024-02-19"), spacingDays: 41,
                     fromB: { $0 == 9 }, mode: { $0 == 9 ? "remote" : "in-person" },
                     seniors: { $0 % 5 == 0 ? 1 : 0 }, needs: { $0 % 4 == 1 ? "joint" : "sender" }, briefed: { $0 % 6 != 5 },
                     confirmed: { $0 % 3 != 2 }, debriefAfter: { $0 % 3 == 0 ? nil : ($0 % 3 == 1 ? 12 : 55) },
                     othersAttending: { $0 % 2 == 0 ? 0 : 2 },
                     learning: { i, _, to in [(to, i % 4 == 1 ? "service" : "personal")] }))
        // A visit recorded with the wrong end date, corrected by its author.
        add(Self.day("2024-04-15"), "event.corrected",
            ["body": ["visit": "rv-hl-v2", "from": "riverside", "to": "highland", "start": "2024-04-04", "end": "2024-04-09",
                      "mode": "in-person", "travellers": [["person": "p-riv-4", "cadre": "nurse", "seniority": "mid"],
                                                          ["person": "p-riv-5", "cadre": "midwife", "seniority": "junior"]],
                      "purpose": "neonatal care quality improvement", "needsIdentifiedBy": "joint", "briefedBeforeDeparture": true],
             "reason": "End date was entered as the return flight date"],
            partnership: p, key: keys.coordinator(a), target: "rv-hl-v2")
        mission(p, version: 1, on: "2024-02-01", by: a, endorsedBy: b, directions: [b], levels: ["personal"],
                text: "Riverside staff support training at Highland.")
        mission(p, version: 2, on: "2025-09-10", by: a, endorsedBy: nil, directions: [a, b], levels: ["personal"],
                text: "Riverside and Highland staff train together.")
        innovation(p, "rv-hl-i1", from: a, to: b, on: "2024-06-03", title: "Sepsis screening tool", frugal: false,
                   statuses: [("considered", "2024-07-01"), ("piloted", "2024-11-01")])
        innovation(p, "rv-hl-i2", from: a, to: b, on: "2025-02-17", title: "Theatre list scheduling", frugal: false, statuses: [])
    }

    /// cs-md: two-way with remote work; stale mission under an 18-month review policy; unbriefed visits.
    mutating func mixed() {
        let p = "cs-md", a = "coastal", b = "mountain"
        visits(Style(partnership: p, a: a, b: b, visits: 14, firstStart: Self.day("2024-03-04"), spacingDays: 46,
                     fromB: { $0 % 3 == 2 }, mode: { [ "in-person", "remote", "hybrid"][$0 % 3] },
                     seniors: { $0 % 5 < 3 ? 1 : 0 }, needs: { $0 % 2 == 0 ? "host" : "sender" }, briefed: { $0 != 4 && $0 != 11 },
                     confirmed: { $0 != 7 }, debriefAfter: { $0 == 12 ? nil : 20 + $0 * 2 }, othersAttending: { 1 + $0 % 3 },
                     learning: { i, _, to in [(b, i % 2 == 0 ? "system" : "professional"), (to, "personal")] }))
        // A visit recorded twice by mistake: the duplicate is retracted.
        add(Self.day("2024-03-12"), "visit.recorded",
            ["visit": "cs-md-v1-dup", "from": "coastal", "to": "mountain", "start": "2024-03-04", "end": "2024-03-08",
             "mode": "in-person", "travellers": [["person": "p-coa-1", "cadre": "doctor", "seniority": "senior"]],
             "purpose": "emergency triage training", "needsIdentifiedBy": "host", "briefedBeforeDeparture": true],
            partnership: p, occurred: Self.day("2024-03-04"), key: keys.coordinator(a), tag: "cs-md-dup")
        add(Self.day("2024-03-20"), "event.retracted", ["reason": "Duplicate of cs-md-v1"], partnership: p,
            key: keys.coordinator(a), target: "cs-md-dup")
        mission(p, version: 1, on: "2024-01-20", by: b, endorsedBy: a, directions: [a, b], levels: ["personal", "institutional"],
                text: "Mountain and Coastal learn together at every level.")
        add(Self.day("2024-06-03"), "policy.set", ["debriefWithinDays": 45], partnership: p, key: keys.funder)
        add(Self.day("2025-03-03"), "policy.set", ["missionReviewMonths": 18], partnership: p, key: keys.funder)
        innovation(p, "cs-md-i1", from: b, to: a, on: "2024-10-07", title: "Solar-powered vaccine fridge monitoring", frugal: true,
                   statuses: [("considered", "2024-11-04"), ("piloted", "2025-03-10"), ("adopted", "2025-10-01")])
        innovation(p, "cs-md-i2", from: a, to: b, on: "2025-01-13", title: "Remote ultrasound supervision", frugal: false,
                   statuses: [("piloted", "2025-04-14")])
    }
}
