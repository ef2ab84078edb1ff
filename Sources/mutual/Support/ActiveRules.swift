import MutualLedger
import PartnershipEvents

/// The vocabulary the CLI enforces.
typealias ActiveRules = PartnershipRules
