// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "kam-platform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orders", targets: ["OrdersMain"]),
        .executable(name: "credit", targets: ["CreditMain"]),
        .executable(name: "receivables", targets: ["ReceivablesMain"]),
        .executable(name: "planning", targets: ["PlanningMain"]),
        .executable(name: "console", targets: ["ConsoleMain"]),
        .executable(name: "kamctl", targets: ["kamctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // MARK: shared platform
        .systemLibrary(name: "CRdKafka", path: "Shared/CRdKafka", pkgConfig: "rdkafka",
                       providers: [.apt(["librdkafka-dev"])]),
        .target(name: "Contracts", path: "Shared/Contracts", swiftSettings: strict),
        .target(name: "Kafka",
                dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")],
                path: "Shared/Kafka", swiftSettings: strict),
        .target(name: "ServiceKit",
                dependencies: [
                    "Contracts", "Kafka",
                    .product(name: "Logging", package: "swift-log"),
                    .product(name: "Metrics", package: "swift-metrics"),
                    .product(name: "Prometheus", package: "swift-prometheus"),
                    .product(name: "Crypto", package: "swift-crypto"),
                    .product(name: "PostgresNIO", package: "postgres-nio"),
                    .product(name: "Hummingbird", package: "hummingbird"),
                    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                ],
                path: "Shared/ServiceKit", swiftSettings: strict),

        // MARK: services (library = domain + storage + handlers + HTTP; executable = main)
        .target(name: "Orders", dependencies: ["ServiceKit"], path: "Services/Orders/Sources", swiftSettings: strict),
        .executableTarget(name: "OrdersMain", dependencies: ["Orders"], path: "Services/Orders/Main", swiftSettings: strict),
        .target(name: "Credit", dependencies: ["ServiceKit"], path: "Services/Credit/Sources", swiftSettings: strict),
        .executableTarget(name: "CreditMain", dependencies: ["Credit"], path: "Services/Credit/Main", swiftSettings: strict),
        .target(name: "Receivables", dependencies: ["ServiceKit"], path: "Services/Receivables/Sources", swiftSettings: strict),
        .executableTarget(name: "ReceivablesMain", dependencies: ["Receivables"], path: "Services/Receivables/Main", swiftSettings: strict),
        .target(name: "Planning", dependencies: ["ServiceKit"], path: "Services/Planning/Sources", swiftSettings: strict),
        .executableTarget(name: "PlanningMain", dependencies: ["Planning"], path: "Services/Planning/Main", swiftSettings: strict),

        // MARK: the console (web pages over the four services' HTTP APIs; owns no business data)
        .target(name: "Console",
                dependencies: ["ServiceKit",
                               .product(name: "Mustache", package: "swift-mustache"),
                               .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
                path: "Console/Sources", swiftSettings: strict),
        .executableTarget(name: "ConsoleMain", dependencies: ["Console"], path: "Console/Main", swiftSettings: strict),

        // MARK: tools
        .executableTarget(name: "kamctl",
                          dependencies: ["ServiceKit", "Console", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Crypto", package: "swift-crypto")],
                          path: "Tools/kamctl", swiftSettings: strict),

        // MARK: tests
        .target(name: "TestSupport", dependencies: ["ServiceKit"], path: "Tests/TestSupport"),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts"], path: "Tests/ContractsTests"),
        .testTarget(name: "KafkaTests", dependencies: ["TestSupport", "Kafka", "ServiceKit"], path: "Tests/KafkaTests"),
        .testTarget(name: "ServiceKitTests", dependencies: ["TestSupport", "ServiceKit"], path: "Tests/ServiceKitTests"),
        .testTarget(name: "OrdersTests", dependencies: ["TestSupport", "Orders"], path: "Tests/OrdersTests"),
        .testTarget(name: "CreditTests", dependencies: ["TestSupport", "Credit"], path: "Tests/CreditTests"),
        .testTarget(name: "PlanningTests", dependencies: ["TestSupport", "Planning"], path: "Tests/PlanningTests"),
        .testTarget(name: "ReceivablesTests", dependencies: ["TestSupport", "Receivables"], path: "Tests/ReceivablesTests"),
        .testTarget(name: "ConsoleTests", dependencies: ["TestSupport", "Console"], path: "Tests/ConsoleTests"),
        .testTarget(name: "KamctlTests", dependencies: ["TestSupport", "kamctl"], path: "Tests/KamctlTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "ServiceKit", "Console"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
