import MutualLedger

// The cache table encodings of the state's table-backed values (docs/PERFORMANCE.md,
// "Cache table entries"): fields in declaration order, strings length-prefixed, optionals
// tagged 0 (absent) or 1 (present).

extension PartnershipState.Visit: CacheEntryValue {
    /// partnership, from, to (strings); start, end (dates); event id; confirmation and debrief
    /// ids (optional); retracted (one byte).
    ///
    /// ```swift
    /// let copy = PartnershipState.Visit(entryBytes: visit.entryBytes)   // == visit
    /// ```
    public func writeEntry(to writer: inout CacheEntryWriter) {
        writer.write(partnership)
        writer.write(from)
        writer.write(to)
        start.writeEntry(to: &writer)
        end.writeEntry(to: &writer)
        eventID.writeEntry(to: &writer)
        writer.write(confirmationID)
        writer.write(debriefID)
        retracted.writeEntry(to: &writer)
    }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        let partnership = try reader.readString(), from = try reader.readString(), to = try reader.readString()
        let start = try CalendarDate(entry: &reader), end = try CalendarDate(entry: &reader)
        let eventID = try CompactEventID(entry: &reader)
        let confirmationID = try reader.readOptional(CompactEventID.self)
        let debriefID = try reader.readOptional(CompactEventID.self)
        self.init(partnership: partnership, from: from, to: to, start: start, end: end, eventID: eventID,
                  confirmationID: confirmationID, debriefID: debriefID, retracted: try reader.readBool())
    }
}

extension PartnershipState.Innovation: CacheEntryValue {
    /// partnership, origin, recipient (strings); event id; retracted (one byte).
    ///
    /// ```swift
    /// let copy = PartnershipState.Innovation(entryBytes: innovation.entryBytes)   // == innovation
    /// ```
    public func writeEntry(to writer: inout CacheEntryWriter) {
        writer.write(partnership)
        writer.write(origin)
        writer.write(recipient)
        eventID.writeEntry(to: &writer)
        retracted.writeEntry(to: &writer)
    }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        let partnership = try reader.readString(), origin = try reader.readString(), recipient = try reader.readString()
        let eventID = try CompactEventID(entry: &reader)
        self.init(partnership: partnership, origin: origin, recipient: recipient, eventID: eventID, retracted: try reader.readBool())
    }
}

extension PartnershipState.Recorded: CacheEntryValue {
    /// kind (its type name, as a string); partnership and subject (optional strings);
    /// travellers (optional: 1 and a signed 32-bit count, little-endian).
    ///
    /// ```swift
    /// let copy = PartnershipState.Recorded(entryBytes: recorded.entryBytes)   // == recorded
    /// ```
    public func writeEntry(to writer: inout CacheEntryWriter) {
        writer.write(kind.rawValue)
        writer.write(partnership)
        writer.write(subject)
        if let travellers {
            writer.write(UInt8(1))
            writer.write(UInt32(bitPattern: Int32(clamping: travellers)))
        } else {
            writer.write(UInt8(0))
        }
    }

    public init(entry reader: inout CacheEntryReader) throws(CacheEntryReader.Malformed) {
        guard let kind = EventKind(rawValue: try reader.readString()) else { throw CacheEntryReader.Malformed() }
        let partnership = try reader.readOptional(String.self)
        let subject = try reader.readOptional(String.self)
        let travellers: Int? = try reader.readBool() ? Int(Int32(bitPattern: try reader.readUInt32())) : nil
        self.init(kind: kind, partnership: partnership, subject: subject, travellers: travellers)
    }
}
