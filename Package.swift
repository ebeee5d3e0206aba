// swift-tools-version: 6.1
// Folio: a static site generator (engine, CLI) and the portfolio it publishes.
import PackageDescription

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "folio", targets: ["FolioCLI"]),
        .executable(name: "companion", targets: ["CompanionDemos"]),
        .library(name: "Folio", targets: ["Folio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Graphviz's dot lays out flowcharts; only Sources/Folio/Diagrams/Flowchart/ imports it.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // librsvg and cairo rasterise social cards and diagram PNGs; fontconfig proves the theme's font is there.
        .systemLibrary(
            name: "CRsvg",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev"])]
        ),
        .target(
            name: "Folio",
            dependencies: [
                "CMark",
                "CGraphviz",
                "CRsvg",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The dev server (`folio serve`): HTTP, live reload, file watching, in-memory rebuilds.
        .target(
            name: "FolioServer",
            dependencies: [
                "Folio",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The only networked code: the Forem API client behind `folio publish devto`. Foundation's URLSession
        // (no package to build); the engine stays offline.
        .target(name: "FolioPublish", dependencies: ["Folio"]),
        .executableTarget(
            name: "FolioCLI",
            dependencies: [
                "Folio",
                "FolioServer",
                "FolioPublish",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc in the folio binary: a build makes and
            // frees millions of small strings and arrays on both cores, and glibc's arenas cost a sixth of its CPU.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // The articles' companion code: compiled and tested, quoted by reference. Depends on nothing of Folio.
        .target(
            name: "Companion",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ],
            // The SQL the articles show as SQL; OutboxSQL.swift loads it.
            resources: [.copy("Outbox/SQL/outbox.sql")]
        ),
        .executableTarget(
            name: "CompanionDemos",
            dependencies: ["Companion", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "CompanionTests",
            dependencies: [
                "Companion",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "FolioTests",
            dependencies: ["Folio"],
            exclude: ["Golden", "HighlightGolden", "DiagramGolden", "FlowchartCorpus", "GFMSpec", "MustacheSpec"]
        ),
        .testTarget(
            name: "FolioPublishTests",
            dependencies: [
                "FolioPublish", "Folio",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "FolioServerTests",
            dependencies: [
                "FolioServer", "Folio",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
