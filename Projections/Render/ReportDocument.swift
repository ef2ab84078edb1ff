import MutualLedger

/// Everything one report shows, computed once and rendered in any ``ReportFormat``.
///
/// ```swift
/// let slice = try ProjectionRunner(directory: dir).read(at: .latest)
/// let doc = ReportDocument.build(.compliance, from: slice, period: .allTime, partnership: nil)
/// let bytes = doc.render(.json)
/// ```
public struct ReportDocument: Sendable, Equatable {
    /// Which report: `ReportDocument.Kind(rawValue: "compliance")`.
    public enum Kind: String, Sendable, CaseIterable {
        case reciprocity, compliance, partnership, innovations
    }

    public var kind: Kind
    public var position: LogPosition
    public var point: ReportPoint
    public var reportDate: CalendarDate?
    public var period: ReportPeriod
    public var partnershipFilter: String?
    public var orgNames: [String: String]
    public var reciprocity: Reciprocity?
    public var compliance: Compliance?
    /// Innovations by partnership id, each in seq order.
    public var innovations: [String: [PartnershipRecord.Innovation]]?
    /// With `--with-proofs`: the inclusion proof of each evidence seq cited in a compliance
    /// finding, under the checkpoint in `position` (set by ``ReportMaker``).
    public var evidenceProofs: [Int: InclusionProof]?

    /// Computes the report. For `.partnership`, `partnership` names the one partnership shown.
    public static func build(_ kind: Kind, from slice: LedgerSlice, period: ReportPeriod, partnership: String?,
                             point: ReportPoint = .latest) -> ReportDocument {
        build(kind, record: PartnershipRecordProjection().fold(slice.events), position: slice.position,
              reportDate: slice.reportDate, period: period, partnership: partnership, point: point)
    }

    /// Computes the report from a folded record (what ``RecordReader`` streams). With `format`,
    /// only the parts that format renders are computed (a reciprocity table skips the compliance
    /// rules); the rendered bytes are the same either way.
    public static func build(_ kind: Kind, record: PartnershipRecord, position: LogPosition, reportDate: CalendarDate?,
                             period: ReportPeriod, partnership: String?, point: ReportPoint = .latest,
                             format: ReportFormat? = nil) -> ReportDocument {
        var doc = ReportDocument(kind: kind, position: position, point: point, reportDate: reportDate,
                                 period: period, partnershipFilter: partnership,
                                 orgNames: record.orgs.mapValues(\.name))
        // Both are computed for these kinds: the HTML funder report shows both; other formats
        // show only the kind's own part (see `render`).
        if kind != .innovations {
            let both = format == nil || format == .html
            if both || kind != .compliance {
                doc.reciprocity = Reciprocity.compute(record, period: period, partnership: partnership)
            }
            if both || kind != .reciprocity {
                doc.compliance = Compliance.compute(record, period: period, reportDate: reportDate, partnership: partnership)
            }
        }
        if kind == .innovations {
            var byPartnership: [String: [PartnershipRecord.Innovation]] = [:]
            for id in record.partnerships.keys where partnership == nil || id == partnership { byPartnership[id] = [] }
            for innovation in record.innovations.values where partnership == nil || innovation.partnership == partnership {
                byPartnership[innovation.partnership, default: []].append(innovation)
            }
            doc.innovations = byPartnership.mapValues { $0.sorted { $0.seq < $1.seq } }
        }
        return doc
    }

    /// Partnership ids shown, sorted.
    public var partnershipIDs: [String] {
        var ids = Set<String>()
        reciprocity?.partnerships.forEach { ids.insert($0.id) }
        compliance?.partnerships.forEach { ids.insert($0.id) }
        innovations?.keys.forEach { ids.insert($0) }
        return ids.sorted()
    }

    public var title: String {
        switch kind {
        case .reciprocity: return "Reciprocity balance"
        case .compliance: return "Compliance with the shared-learning practices"
        case .partnership: return "Partnership \(partnershipFilter ?? "")"
        case .innovations: return "Innovations and their status"
        }
    }

    /// "all time", "from 2025-01-01 to 2025-12-31", ...
    public var periodText: String {
        switch (period.from, period.to) {
        case (nil, nil): return "all time"
        case (let from?, nil): return "from \(from.text)"
        case (nil, let to?): return "up to \(to.text)"
        case (let from?, let to?): return "from \(from.text) to \(to.text)"
        }
    }

    /// "latest", "at seq 41", "as of 2025-06-30".
    public var pointText: String {
        switch point {
        case .latest: return "latest"
        case .at(let seq): return "at seq \(seq)"
        case .asOf(let day): return "as of \(day.text)"
        }
    }

    /// One line naming the log position.
    public var positionText: String {
        "log position: \(position.count) lines, last line hash \(position.lastHash)"
    }

    /// "checkpoint size 42, root <base64>", or nil when the report carries no checkpoint.
    public var checkpointText: String? {
        position.checkpointHead.map { "checkpoint size \($0.size), root \($0.root.base64)" }
    }

    func name(_ org: String) -> String { orgNames[org] ?? org }

    /// Balance text: "-0.333", or "n/a" when null.
    static func balanceText(_ value: Int?) -> String { value.map(Decimal3.text) ?? "n/a" }
}

/// The output formats of `mutual report`.
///
/// ```swift
/// ReportFormat(rawValue: "csv")   // .csv
/// ```
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown, html
}

extension ReportDocument {
    /// The report in `format`, as UTF-8 bytes ending with a newline. Same document, same bytes.
    ///
    /// `html` is the funder report: for the reciprocity, compliance and partnership kinds it shows
    /// both the flows and the compliance matrix. The other formats show only the kind's own part.
    public func render(_ format: ReportFormat) -> [UInt8] {
        let view = format == .html ? self : ownPart
        switch format {
        case .table: return Array(TableRenderer(doc: view).render().utf8)
        case .json:
            var bytes = view.json.canonicalBytes   // ReportJSON: fractions as numbers with three decimals
            bytes.append(0x0a)
            return bytes
        case .csv: return Array(CSVRenderer(doc: view).render().utf8)
        case .markdown: return Array(MarkdownRenderer(doc: view).render().utf8)
        case .html: return Array(HTMLRenderer(doc: view).render().utf8)
        }
    }

    /// This document without the sections that belong to other kinds.
    var ownPart: ReportDocument {
        var copy = self
        if kind == .compliance { copy.reciprocity = nil }
        if kind == .reciprocity { copy.compliance = nil }
        return copy
    }
}
