import MutualLedger

/// The vocabulary the CLI enforces.
typealias ActiveRules = CoreRules
