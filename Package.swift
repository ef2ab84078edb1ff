// swift-tools-version:6.1
import PackageDescription

// Data flows left to right:
// MutualLedger (format, crypto, log) -> PartnershipEvents (vocabulary, governance)
// -> Projections (pure folds, reports) -> mutual (CLI) -> Ops (benchmarks, scripts).
let package = Package(
    name: "Mutual",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mutual", targets: ["mutual"]),
        .library(name: "MutualLedger", targets: ["MutualLedger"]),
        .library(name: "PartnershipEvents", targets: ["PartnershipEvents"]),
        .library(name: "Projections", targets: ["Projections"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "MutualLedger",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            path: "Sources/MutualLedger"
        ),
        .target(
            name: "PartnershipEvents",
            dependencies: ["MutualLedger", .product(name: "CSV", package: "CSV.swift")],
            path: "Events"
        ),
        .target(
            name: "Projections",
            dependencies: ["MutualLedger", "PartnershipEvents", .product(name: "Crypto", package: "swift-crypto")],
            path: "Projections"
        ),
        .executableTarget(
            name: "mutual",
            dependencies: [
                "MutualLedger", "PartnershipEvents", "Projections",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/mutual"
        ),
        .executableTarget(
            name: "mutual-bench",
            dependencies: ["MutualLedger", "PartnershipEvents", .product(name: "Crypto", package: "swift-crypto")],
            path: "Ops/bench"
        ),
        // Fuzz harness (Ops/fuzz/run.sh): replays inputs in a normal build; built with -sanitize=fuzzer
        // and -D FUZZING it is a libFuzzer binary instead.
        .executableTarget(
            name: "mutual-fuzz",
            dependencies: ["MutualLedger", "PartnershipEvents"],
            path: "Ops/fuzz/Harness"
        ),
        .testTarget(name: "MutualLedgerTests", dependencies: ["MutualLedger"], path: "Tests/MutualLedgerTests"),
        .testTarget(name: "PartnershipEventsTests", dependencies: ["PartnershipEvents", "MutualLedger"], path: "Tests/PartnershipEventsTests"),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "PartnershipEvents"], path: "Tests/ProjectionsTests"),
        .testTarget(name: "mutualTests", dependencies: ["mutual", "MutualLedger"], path: "Tests/mutualTests"),
    ],
    swiftLanguageModes: [.v6]
)
