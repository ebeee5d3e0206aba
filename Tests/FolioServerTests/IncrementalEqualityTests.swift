// The property the dev server rests on: after any sequence of edits, the build it serves (made with the previous
// build's caches) is byte for byte the build a fresh `folio build` would make. Edits are drawn from a seeded
// generator, so a failure names its seed and step and replays exactly. Edits: a paragraph, a title, tags, a new
// post, a deleted post, a template, a misspelt front matter key (a warning), companion code a page includes,
// site.yml, a markup partial. After every edit the build made `folio build`'s way (each post's page composed as
// soon as it is rendered, no document's text kept) is compared too.
import Folio
import Foundation
import Testing

/// SplitMix64: small, seeded, the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// A small site on disk and the edits a writer makes to it.
struct EditedSite {
    let root: String
    var random: SeededGenerator
    var posts: [String] = []
    var created = 0
    var templateVersion = 0
    let words = ["outbox", "relay", "retry", "backoff", "queue", "ledger", "idempotent", "batch", "lease", "café"]
    let tags = ["go", "swift", "sql", "messaging"]

    init(seed: UInt64) throws {
        random = SeededGenerator(state: seed)
        root = try ServedSite.makeProject([
            "Content/site.yml": ServedSite.siteConfig + "\ncompanions:\n  - name: swift\n    root: Companion\n"
                + "    languages: [swift]\n",
            "Content/pages/code.md": "---\ntitle: Code\n---\n\n```swift snippet=\"Relay.swift#greet\"\n```\n",
            "Companion/Relay.swift": Self.companionSource(greeting: "hello"),
        ])
        for _ in 0..<4 { try newPost() }
    }

    static func companionSource(greeting: String) -> String {
        "// snippet.greet\nfunc greet() -> String {\n    \"\(greeting)\"\n}\n// snippet.end\n"
    }

    var postsFolder: String { root + "/Content/posts/" }

    mutating func sentence() -> String {
        (0..<Int.random(in: 4...12, using: &random)).map { _ in words.randomElement(using: &random)! }
            .joined(separator: " ")
    }

    mutating func write(_ name: String, title: String, tags: [String], body: String) throws {
        let front = "---\ntitle: \(title)\ndate: 2024-0\(Int.random(in: 1...9, using: &random))-1\(created % 10)\n"
            + "tags: [\(tags.joined(separator: ", "))]\n---\n\n"
        try ServedSite.write(front + body, to: postsFolder + name)
    }

    mutating func body() -> String {
        var paragraphs = (0..<Int.random(in: 1...3, using: &random)).map { _ in sentence() + "." }
        if let other = posts.randomElement(using: &random), Bool.random(using: &random) {
            paragraphs.append("See [the other post](\(other)).")
        }
        if Bool.random(using: &random) { paragraphs.append("A claim.[^1]\n\n[^1]: \(sentence()).") }
        if Bool.random(using: &random) { paragraphs.append("## \(sentence())\n\n```go\nfunc main() {}\n```") }
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    mutating func newPost() throws {
        created += 1
        let name = "post-\(created).md"
        let title = "Post \(created) on \(words.randomElement(using: &random)!)"
        try write(name, title: title, tags: Array(tags.shuffled(using: &random).prefix(2)), body: body())
        posts.append(name)
    }

    /// One random edit; returns what it was, for the failure message.
    mutating func edit() throws -> String {
        let post = posts.randomElement(using: &random)!
        let path = postsFolder + post
        let text = try String(contentsOfFile: path, encoding: .utf8)
        switch Int.random(in: 0..<11, using: &random) {
        case 0:
            try ServedSite.write(text + "\n" + sentence() + ".\n", to: path)
            return "appended a paragraph to \(post)"
        case 1:
            let title = "Retitled \(sentence())"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("title: ") ? "title: \(title)" : String($0) }
            try ServedSite.write(lines.joined(separator: "\n"), to: path)
            return "retitled \(post)"
        case 2:
            let chosen = tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("tags: ") ? "tags: [\(chosen.joined(separator: ", "))]" : String($0) }
            try ServedSite.write(lines.joined(separator: "\n"), to: path)
            return "retagged \(post) [\(chosen.joined(separator: ", "))]"
        case 3:
            try newPost()
            return "added \(posts.last!)"
        case 4 where posts.count > 2:
            try FileManager.default.removeItem(atPath: path)
            posts.removeAll { $0 == post }
            // Links to it would now be errors in both builds alike; keep the site buildable.
            for other in posts {
                let otherPath = postsFolder + other
                let otherText = try String(contentsOfFile: otherPath, encoding: .utf8)
                if otherText.contains("(\(post))") {
                    try ServedSite.write(otherText.replacingOccurrences(of: "(\(post))", with: "(/)"), to: otherPath)
                }
            }
            return "deleted \(post)"
        case 5:
            templateVersion += 1
            let template = root + "/Themes/default/templates/footer.mustache"
            let old = try String(contentsOfFile: template, encoding: .utf8)
            try ServedSite.write(old + "<!-- footer version \(templateVersion) -->\n", to: template)
            return "changed footer.mustache"
        case 6 where !text.contains("tagz:"):
            // A warning, which a build reusing the parsed file must still report.
            try ServedSite.write(text.replacingOccurrences(of: "\ntags: ", with: "\ntagz: [typo]\ntags: "), to: path)
            return "misspelt a key in \(post)"
        case 8:
            // site.yml: the author is in every page's footer, through the site's shared context alone (a tagline
            // would also change every social card's description, and so every page's head).
            let author = words.randomElement(using: &random)!.capitalized
            let config = ServedSite.siteConfig.replacingOccurrences(of: "name: Test Author", with: "name: \(author)")
            try ServedSite.write(config + "\ncompanions:\n  - name: swift\n    root: Companion\n"
                                     + "    languages: [swift]\n", to: root + "/Content/site.yml")
            return "changed the author to \(author)"
        case 9:
            // A markup partial: part of every rendered document, loaded with the theme.
            templateVersion += 1
            let partial = root + "/Themes/default/templates/markup/heading.mustache"
            try ServedSite.write("<h{{level}} id=\"{{id}}\" data-v=\"\(templateVersion)\">{{{content}}}</h{{level}}>\n",
                                 to: partial)
            return "changed the heading partial (version \(templateVersion))"
        case 7:
            let greeting = words.randomElement(using: &random)!
            try ServedSite.write(Self.companionSource(greeting: greeting), to: root + "/Companion/Relay.swift")
            return "changed the companion's greeting to \(greeting)"
        default:
            try write(post, title: "Rewritten \(sentence())", tags: [tags.randomElement(using: &random)!],
                      body: body())
            return "rewrote \(post)"
        }
    }
}

struct IncrementalEqualityTests {
    /// A built site as comparable values: every page's bytes, every copy's bytes, every diagnostic.
    struct Snapshot: Equatable {
        var files: [String: Data]
        var diagnostics: [String]

        init(_ result: BuildResult) throws {
            files = Dictionary(uniqueKeysWithValues: result.pages.map { ($0.path, $0.contents) })
            for copy in result.copies { files[copy.destination] = try Data(contentsOf: URL(fileURLWithPath: copy.source)) }
            diagnostics = result.report.diagnostics.map(\.description)
        }

        func difference(from other: Snapshot) -> String {
            let paths = Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
            return "files differing: \(paths.prefix(5)); diagnostics \(diagnostics) vs \(other.diagnostics)"
        }
    }

    @Test(arguments: [UInt64(23), 2026, 7, 9])
    func theServedBuildEqualsAFreshBuildAfterEveryEdit(seed: UInt64) throws {
        var site = try EditedSite(seed: seed)
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let options = BuildOptions(root: site.root)
        var served = Pipeline.buildInMemory(options)
        #expect(!served.pages.isEmpty)
        var reused = 0
        for step in 1...40 {
            let edit = try site.edit()
            served = Pipeline.buildInMemory(options, cache: served.renderCache)
            reused += served.renderCache.hits
            let fresh = Pipeline.buildInMemory(options)
            let incremental = try Snapshot(served), full = try Snapshot(fresh)
            #expect(!fresh.report.diagnostics.hasErrors, "seed \(seed), step \(step) (\(edit)): \(full.diagnostics)")
            // Compared outside `#expect`, which would print both whole sites.
            let same = incremental == full
            #expect(same, "seed \(seed), step \(step) (\(edit)): \(incremental.difference(from: full))")
            // And `folio build`'s way, which composes each post as it renders it and keeps no text.
            let once = try Snapshot(Pipeline.buildInMemory(options, cache: nil))
            let sameOnce = once == full
            #expect(sameOnce, "seed \(seed), step \(step) (\(edit)), one-off: \(once.difference(from: full))")
            if !same || !sameOnce { return }
        }
        #expect(reused > 0, "the caches were used")
    }
}
