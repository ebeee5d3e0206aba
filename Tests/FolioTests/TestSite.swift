// Whole-site tests from text: write a small site into a temporary folder, build it, assert on the files.
import Foundation
@testable import Folio

struct TestSite {
    /// The theme a site builds with: engine tests assert on engine output through the minimal theme; tests of
    /// the default theme's markup ask for it.
    enum ThemeChoice: String {
        case minimal
        case `default`
    }

    let root: String
    let theme: ThemeChoice

    /// A minimal valid site: site.yml, the repository's Themes/ (copied) beside the minimal theme
    /// (`Themes/minimal`, written here), plus `files`. Every site.yml this type writes that names no `theme:`
    /// gets `theme: <choice>` appended, so line numbers of diagnostics in it stay those of the test's text.
    init(_ files: [String: String] = [:], withDefaultSiteConfig: Bool = true, theme: ThemeChoice = .minimal) throws {
        root = NSTemporaryDirectory() + "folio-test-" + UUID().uuidString
        self.theme = theme
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/Themes", toPath: root + "/Themes")
        for (path, text) in MinimalTheme.files { try write("Themes/\(MinimalTheme.name)/\(path)", text) }
        if withDefaultSiteConfig && files["Content/site.yml"] == nil {
            try write("Content/site.yml", Self.siteConfig)
        }
        for (path, text) in files { try write(path, text) }
    }

    static let siteConfig = """
        title: Test Site
        tagline: Testing Folio
        base_url: https://example.org/
        author:
          name: Test Author
          role: Tester
        navigation:
          - label: Archive
            url: /archive/
        """

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((path == "Content/site.yml" ? naming(theme, in: text) : text).utf8).write(to: url)
    }

    /// `text` with `theme: <choice>` appended unless it names a theme itself (tests of `theme:` do).
    private func naming(_ theme: ThemeChoice, in text: String) -> String {
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("theme:") }) { return text }
        return text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + "theme: \(theme.rawValue)\n"
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + path)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + path) }

    @discardableResult
    func build(drafts: Bool = false, output: String = "public", write: Bool = true, policy: Bool = false) -> BuildReport {
        var options = BuildOptions(root: root)
        options.includeDrafts = drafts
        options.output = output
        options.writeOutput = write
        options.enforceCodePolicy = policy
        if policy { options.commands = .system }
        return Pipeline.build(options)
    }

    /// Every file under `folder`, relative to it, with its contents: to prove a failed build changed nothing.
    func snapshot(_ folder: String = "public") -> [String: Data] {
        let base = root + "/" + folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
        var result: [String: Data] = [:]
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[item] = FileManager.default.contents(atPath: base + "/" + item)
            }
        }
        return result
    }

    func destroy() { try? FileManager.default.removeItem(atPath: root) }
}

/// A post with front matter, for brevity in tests.
func post(_ title: String, date: String = "2024-03-01", extra: String = "", body: String = "Body text.") -> String {
    "---\ntitle: \(title)\ndate: \(date)\n\(extra.isEmpty ? "" : extra + "\n")---\n\n\(body)\n"
}
