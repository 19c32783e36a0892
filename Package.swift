// swift-tools-version: 6.1
import PackageDescription

import class Foundation.ProcessInfo

/// Strict Swift 6, as Hummingbird builds itself: every module says which imports it re-exports.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "gavel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gavel", targets: ["gavel"]),
        .library(name: "GavelCore", targets: ["GavelCore"]),
        .library(name: "GavelReports", targets: ["GavelReports"]),
        .library(name: "GavelStore", targets: ["GavelStore"]),
        .library(name: "GavelMarket", targets: ["GavelMarket"]),
        .library(name: "GavelAuction", targets: ["GavelAuction"]),
        .library(name: "GavelBidding", targets: ["GavelBidding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: no I/O, no dependencies.
        .target(name: "GavelCore", swiftSettings: strictSettings),
        // Report formats in and out (Google Ads, Microsoft Advertising, generic CSV): bytes to facts, no database.
        .target(name: "GavelReports", dependencies: ["GavelCore"], swiftSettings: strictSettings),
        // Synthetic markets with a known ground truth.
        .target(name: "GavelMarket", dependencies: ["GavelCore"], swiftSettings: strictSettings),
        // Bid rules and their expression language, CVR estimation, strategies, guardrails, the categorizer.
        .target(
            name: "GavelBidding",
            dependencies: ["GavelCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Auction mechanisms, markets, strategies, pacing and log replay.
        .target(
            name: "GavelAuction",
            dependencies: ["GavelCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings
        ),
        // Scenario files, parameter grids run in parallel, CSV and SVG results: `gavel simulate`.
        .target(
            name: "GavelSimulation",
            dependencies: [
                "GavelCore", "GavelAuction", "GavelBidding", "GavelMarket",
                .product(name: "Yams", package: "Yams"),
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        // The bidder's brain without HTTP: OpenRTB 2.6 model and byte-level decoder, validation, campaign
        // index, pricing, budget ledger.
        .target(
            name: "GavelRTB",
            dependencies: ["GavelCore", "GavelAuction", "CGavelSIMD", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // SSE2 byte classification for the JSON scanner (header only; a scalar loop elsewhere).
        .systemLibrary(name: "CGavelSIMD"),
        // The system zlib, for gzip request bodies.
        .systemLibrary(name: "CGavelZlib"),
        // glibc's mallopt, for the batch commands' allocator settings.
        .systemLibrary(name: "CGavelMalloc"),
        // The OpenRTB bidder over HTTP (Hummingbird): bid and win-notice routes, health, metrics, spend store.
        .target(
            name: "GavelServer",
            dependencies: [
                "GavelCore", "GavelRTB", "CGavelZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The SQLite history store: the only module that knows SQL.
        .target(
            name: "GavelStore",
            dependencies: [
                "GavelCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Jobs that compose the store, the report formats and the pure engines: what the CLI calls.
        .target(
            name: "GavelJobs",
            dependencies: ["GavelCore", "GavelReports", "GavelStore", "GavelBidding", "GavelMarket"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "gavel",
            dependencies: [
                "GavelCore", "GavelReports", "GavelStore", "GavelMarket", "GavelBidding", "GavelJobs", "GavelSimulation",
                "GavelRTB", "GavelServer", "CGavelMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelCoreTests",
            dependencies: ["GavelCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelReportsTests",
            dependencies: ["GavelReports", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelMarketTests",
            dependencies: ["GavelMarket"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelBiddingTests",
            dependencies: [
                "GavelBidding", "GavelReports", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelJobsTests",
            dependencies: ["GavelJobs", "GavelMarket"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelSimulationTests",
            dependencies: ["GavelSimulation", "GavelAuction", "GavelBidding", "GavelCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelRTBTests",
            dependencies: [
                "GavelRTB", "GavelCore", "GavelAuction",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GavelServerTests",
            dependencies: [
                "GavelServer", "GavelRTB", "GavelCore", "CGavelZlib", "GavelAuction",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "GavelAuctionTests", dependencies: ["GavelAuction", "GavelCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "GavelStoreTests",
            dependencies: [
                "GavelStore", "GavelReports", "GavelMarket",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)

// Speed measurements are compiled only when asked for (GAVEL_BENCHMARKS=1), so `swift build`,
// `swift test` and CI never pay for them. See Benchmarks/README.md.
if ProcessInfo.processInfo.environment["GAVEL_BENCHMARKS"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "PortfolioSpeed", dependencies: ["GavelBidding", "GavelCore"],
            path: "Benchmarks/portfolio/PortfolioSpeed", swiftSettings: strictSettings))
    package.targets.append(
        .executableTarget(
            name: "RTBSpeed",
            dependencies: [
                "GavelRTB", "GavelServer", "GavelAuction", "GavelCore",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/rtb/RTBSpeed",
            swiftSettings: strictSettings))
    package.targets.append(
        .executableTarget(
            name: "PayloadBaseline",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/rtb/PayloadBaseline", swiftSettings: strictSettings))
    package.targets.append(
        .executableTarget(
            name: "AuctionSpeed", dependencies: ["GavelAuction", "GavelCore"], path: "Benchmarks/auction/AuctionSpeed",
            swiftSettings: strictSettings))
}
