// swift-tools-version:6.0
// bj42: a static site generator for the Bestuurlijk netwerk J42.
// Foundation only: no package dependencies. Each engine is a library of its own.
import PackageDescription

let package = Package(
    name: "bj42",
    products: [
        .executable(name: "bj42", targets: ["bj42"]),
        .library(name: "YAML", targets: ["YAML"]),
        .library(name: "Markdown", targets: ["Markdown"]),
        .library(name: "Templates", targets: ["Templates"]),
        .library(name: "RegionMap", targets: ["RegionMap"]),
        .library(name: "SiteCore", targets: ["SiteCore"]),
    ],
    targets: [
        // Source positions and the one text rule two engines must agree on (slugify).
        .target(name: "SourceText"),
        // The engines: each knows nothing of the site or of the other engines.
        .target(name: "YAML", dependencies: ["SourceText"]),
        .target(name: "Markdown", dependencies: ["SourceText"]),
        .target(name: "Templates", dependencies: ["SourceText"]),
        .target(name: "RegionMap", dependencies: ["SourceText"]),
        // The site: content model, validation, rendering, output. Only it knows all engines.
        .target(name: "SiteCore", dependencies: ["SourceText", "YAML", "Markdown", "Templates", "RegionMap"]),
        // A static file server with live reload; the CLI hands it a rebuild closure.
        .target(name: "Preview", dependencies: ["SourceText"]),
        // Argument parsing and commands: arguments in, exit status out (testable in-process).
        .target(name: "SiteCLI", dependencies: ["SourceText", "SiteCore", "Preview", "YAML", "Markdown"]),
        .executableTarget(name: "bj42", dependencies: ["SiteCLI"]),
        // Benchmarks that have no command of their own (release builds only; never timed in tests).
        .executableTarget(name: "TemplateBenchmark", dependencies: ["Templates"], path: "Benchmarks/TemplateBenchmark",
                          exclude: ["jinja_peer.py"]),

        .testTarget(name: "SourceTextTests", dependencies: ["SourceText"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        .testTarget(name: "RegionMapTests", dependencies: ["RegionMap"]),
        .testTarget(name: "SiteCoreTests", dependencies: ["SiteCore"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"]),
        .testTarget(name: "SiteCLITests", dependencies: ["SiteCLI", "SiteCore"]),
    ]
)
