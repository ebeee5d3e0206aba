// Input a hostile but honest user can write: each case crashed, leaked files or misbehaved before its fix.
// Every one must end in a located diagnostic (or a correct build), never a crash.
import Foundation
import Testing
@testable import Folio

@Suite struct HostileMarkdownTests {
    @Test func hugeHighlightRangesAreLocatedErrorsAtTheAttribute() {
        let text = """
            ```go highlight="1-9223372036854775807"
            x
            ```

            ```go highlight="1-999999999999"
            x
            ```

            ```go highlight="1,99999999999999999999999"
            x
            ```
            """
        let rendered = Folio.renderFragment(text)
        #expect(rendered.diagnostics.map(\.description) == [
            "<stdin>:1:7: error: highlight line 9223372036854775807 is outside the 1 line this block shows",
            "<stdin>:5:7: error: highlight line 999999999999 is outside the 1 line this block shows",
            "<stdin>:9:7: error: highlight=\"1,99999999999999999999999\" is not a list of lines such as \"2,4-6\"",
        ])
    }

    @Test func highlightRangesAreCheckedBeforeTheyAreExpanded() {
        #expect(FenceInfo.highlightedLines("1-9223372036854775807", lineCount: 3)
            == .failure(.outside(line: 9_223_372_036_854_775_807, lineCount: 3)))
        #expect(FenceInfo.highlightedLines("1-3,2", lineCount: 3) == .success([1, 2, 3]))
    }

    /// The column is where the nesting passes the limit (a list item is two levels: the list and the item);
    /// a run of emphasis delimiters is one token, reported where it starts.
    @Test(arguments: [
        ("lists", String(repeating: "- ", count: 100_000) + "x", 255),
        ("quotes", String(repeating: ">", count: 1_000_000) + " x", 256),
        ("emphasis", String(repeating: "*", count: 100_000) + "x" + String(repeating: "*", count: 100_000), 1),
    ])
    func absurdNestingIsADiagnosticNotACrash(kind: String, text: String, column: Int) {
        let rendered = Folio.renderFragment(text)
        #expect(rendered.diagnostics.map(\.description) == [
            "<stdin>:1:\(column): error: Markdown nested more than 256 levels deep (lists, block quotes or emphasis "
                + "inside each other); Folio accepts at most 256",
        ], "\(kind)")
        #expect(!rendered.html.isEmpty)
    }

    @Test func theNestingSmartPunctuationCountsIsTheNestingOfTheTree() {
        // Render asks the tree, which counted while smart punctuation walked it; a walk of its own must agree,
        // node for node, for texts under, at and over a limit, and with quotes that smart punctuation rewrites.
        var random = SplitMix(seed: 21)
        let pieces = ["- ", "> ", "* ", "1. ", "*", "_", "[", "](u)", "\"", "'", "--", "...", "`c`", "<b>", "x", " ",
                      "\n", "\n\n", "    ", "```\nq\n```\n", "**"]
        for round in 0..<400 {
            let text = (0..<(1 + random.next(below: 80))).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            for limit in [1, 3, 6] {
                let tree = MarkdownTree(parsing: Array(text.utf8), nestingLimit: limit)
                let counted = tree.nesting(limit: limit), walked = tree.root.nesting(limit: limit)
                #expect(counted.depth == walked.depth && counted.firstTooDeep == walked.firstTooDeep,
                        "round \(round), limit \(limit): \(text.debugDescription)")
            }
        }
    }

    @Test func ordinaryNestingIsFine() {
        let text = String(repeating: "> ", count: 20) + "- a\n"
        #expect(Folio.renderFragment(text).diagnostics.isEmpty)
    }

    @Test func iterativeWalksVisitEveryNodeInOrder() {
        let tree = MarkdownTree(parsing: "- a *b*\n  - c\n\n> d `e`\n")
        let kinds = tree.root.descendants.map(\.kind)
        #expect(kinds == [.list, .item, .paragraph, .text, .emphasis, .text, .list, .item, .paragraph, .text,
                          .blockQuote, .paragraph, .text, .code])
        #expect(tree.root.plainText == "a bcd e")
    }

    @Test func invalidUTF8IsAWarningAtTheFirstBadByte() {
        let bytes = Data("line one\nab".utf8) + Data([0xC3, 0x28]) + Data(" rest\n".utf8)
        let rendered = Folio.renderFragment(bytes: bytes)
        #expect(rendered.diagnostics.map(\.description) == [
            "<stdin>:2:3: warning: not valid UTF-8 (byte 0xC3 here); such bytes are shown as �",
        ])
    }

    @Test func utf8CheckAcceptsEveryWellFormedSequenceAndRejectsTheRest() {
        #expect(UTF8Check.firstInvalidByte(in: Data("añ€𝄞".utf8)) == nil)
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(UTF8Check.firstInvalidByte(in: Data([0x61] + bad))?.column == 2, "\(bad)")
        }
    }
}

@Suite struct HostileContentTests {
    @Test func aPostThatIsNotUTF8IsALocatedError() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try (Data(post("B").utf8) + Data([0xFF, 0x0A])).write(to: URL(fileURLWithPath: site.root + "/Content/posts/b.md"))
        let report = site.build(write: false)
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/b.md:7:1: error: this file is not valid UTF-8 (byte 0xFF here); save it as UTF-8",
        ])
    }

    @Test func deeplyNestedFrontMatterIsAnErrorBeforeYAMLIsParsed() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let site = try TestSite(["Content/posts/a.md": post("A", extra: "tags: \(deep)")])
        defer { site.destroy() }
        let report = site.build(write: false)
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/a.md:4:70: error: YAML nested more than 64 levels deep; Folio reads at most 64 in front matter",
        ])
    }

    @Test func yamlNestingEstimateIsNotFooledByBlockScalarsOrQuotes() {
        let text = """
            summary: |
                                                                                                      deep text [[[[
            title: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            tags: [a, [b, [c]]]
            """
        #expect(YAMLLimits.nestingProblem(in: text) == nil)
        let blocks = (0..<70).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n")
        #expect(YAMLLimits.nestingProblem(in: blocks)?.line == 65, "the 65th level is the first too deep")
    }

    @Test func aYAMLAliasBombIsRefusedQuickly() throws {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for level in 0..<8 {
            lines.append("b\(level): &b\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = "b\(level)"
        }
        lines.append("tags: *\(previous)")
        let site = try TestSite(["Content/posts/a.md": post("A", extra: lines.joined(separator: "\n"))])
        defer { site.destroy() }
        let start = Date()
        let report = site.build(write: false)
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/a.md:2:1: error: front matter expands to more than 100000 values (aliases that repeat "
                + "aliases?); Folio reads at most 100000",
        ])
        #expect(Date().timeIntervalSince(start) < 10, "bounded work, not 9^9 values")
    }

    @Test func canonicalMustBeAnAbsoluteWebURL() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", extra: "canonical: javascript:alert(1)"),
            "Content/posts/b.md": post("B", extra: "canonical: https://dev.to/someone/b"),
        ])
        defer { site.destroy() }
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Content/posts/a.md:4:1: error: canonical 'javascript:alert(1)' must be an absolute http:// or https:// URL",
        ])
    }

    @Test func duplicateTagsAreMergedAndOverlongTagsFailAtTheFrontMatter() throws {
        let long = String(repeating: "a", count: 300)
        let site = try TestSite([
            "Content/posts/a.md": post("A", extra: "tags: [Go, go, Go]"),
            "Content/posts/b.md": post("B", extra: "tags: [\(long)]"),
        ])
        defer { site.destroy() }
        let report = site.build(write: false)
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/a.md:4:1: warning: tags 'Go' and 'go' are the same tag (/tags/go/); 'Go' is kept",
            "Content/posts/b.md:4:1: error: tag '\(long.prefix(40))…' is 300 characters as a URL; tags may be at most 100",
        ])
    }

    @Test func controlCharactersAreNamedWhereTheyAreAndLeftOutOfTheFeed() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: "Pasted\u{0B}tab and \u{FFFE}."),
            "Content/posts/b.md": post("B\u{01}"),
        ])
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/posts/a.md:6:7: warning: control character U+000B is not allowed in XML; it is left out of "
                + "feed.xml (delete it: it is invisible here)",
            "Content/posts/b.md:2:9: error: control character U+0001 is not allowed in front matter (YAML and XML "
                + "forbid it; delete it: it is invisible here)",
        ])
        try site.remove("Content/posts/b.md")
        #expect(!site.build().diagnostics.hasErrors)
        let feed = try site.read("public/feed.xml")
        #expect(!feed.unicodeScalars.contains { !XMLCharacters.isAllowed($0) })
        #expect(feed.contains("Pastedtab and ."))
    }
}

@Suite struct OutsideTheProjectTests {
    private func outsideFile(_ text: String = "root:x:0:0") throws -> String {
        let path = NSTemporaryDirectory() + "folio-outside-" + UUID().uuidString
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aThemeAssetLinkedOutsideIsRefusedAndNotPublished() throws {
        let outside = try outsideFile()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try FileManager.default.createDirectory(atPath: site.root + "/Themes/minimal/assets",
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.root + "/Themes/minimal/assets/pw.txt", withDestinationPath: outside)
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Themes/minimal/assets/pw.txt:1:1: error: Themes/minimal/assets/pw.txt is a symbolic link to \(outside), "
                + "outside the project; Folio reads and publishes only files inside the project. Copy the file into "
                + "the project instead",
        ])
        #expect(!site.exists("public/assets/pw.txt"))
    }

    @Test func aPostLinkedOutsideIsRefused() throws {
        let outside = try outsideFile(post("Secret"))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/posts/b.md", withDestinationPath: outside)
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/b.md:1:1: error: Content/posts/b.md is a symbolic link to \(outside), outside the project; "
                + "Folio reads and publishes only files inside the project. Copy the file into the project instead",
        ])
        #expect(!site.exists("public"))
    }

    @Test func aFileReachedThroughAFolderLinkedOutsideIsRefusedAndOneLinkedInsideIsRead() throws {
        let elsewhere = NSTemporaryDirectory() + "folio-folder-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: elsewhere + "/pw.txt"))
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/real/kept.txt": "kept"])
        defer { site.destroy() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/out", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/in",
                                                   withDestinationPath: site.root + "/Content/real")
        let files = ProjectFiles(root: site.root)
        // Twice each: the second read finds the folder's real path already resolved.
        for _ in 0..<2 {
            #expect(throws: FileProblem.self) { try files.readData("Content/out/pw.txt") }
            #expect(throws: FileProblem.self) { try files.readData("Content/in/../out/pw.txt") }
            #expect(try files.readText("Content/in/kept.txt") == "kept")
            #expect(try files.readText("Content/real/kept.txt") == "kept")
        }
        do {
            _ = try files.readData("Content/out/pw.txt")
        } catch {
            #expect(error.message.contains("\(elsewhere)/pw.txt, outside the project"), "\(error.message)")
        }
        #expect(throws: FileProblem.self) { try files.readData("Content/in/missing.txt") }
        do {
            _ = try files.readData("..")
            Issue.record("the folder above the project was read")
        } catch {
            #expect(error.message.contains("outside the project"), "\(error.message)")
        }
    }

    @Test func aThemeMustBeAFolderOfThemesNotAPath() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try site.write("Content/site.yml", TestSite.siteConfig + "\ntheme: ../../elsewhere\n")
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Content/site.yml:1:1: error: theme '../../elsewhere' must be the name of a folder in Themes/, not a path",
        ])
    }

    @Test func aThemeFolderLinkedOutsideIsRefused() throws {
        let elsewhere = NSTemporaryDirectory() + "folio-theme-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: TestSite.repositoryRoot + "/Themes/default", toPath: elsewhere)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Themes/linked", withDestinationPath: elsewhere)
        try site.write("Content/site.yml", TestSite.siteConfig + "\ntheme: linked\n")
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Themes/linked:1:1: error: Themes/linked is a symbolic link to \(elsewhere), outside the project; Folio "
                + "reads and publishes only files inside the project. Copy the file into the project instead",
        ])
    }

    @Test func aCompanionFolderOutsideTheProjectIsRefused() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try site.write("Content/site.yml", TestSite.siteConfig + """

            companions:
              - name: swift
                root: /etc
                languages: [swift]
            """)
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Content/site.yml:1:1: error: companion 'swift': folder '/etc' is /etc, outside the project; Folio reads "
                + "companion code only from inside the project",
        ])
    }

    @Test func aFolderLinkInStaticIsNamedNotSilentlySkipped() throws {
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/static/real/x.txt": "x"])
        defer { site.destroy() }
        try FileManager.default.createSymbolicLink(
            atPath: site.root + "/Content/static/linked", withDestinationPath: site.root + "/Content/static/real")
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/static/linked:1:1: warning: Content/static/linked is a symbolic link to a folder; Folio does not "
                + "follow folder links, so nothing in it is published. Copy the folder into the project instead",
        ])
        #expect(site.exists("public/real/x.txt") && !site.exists("public/linked"))
    }
}

@Suite struct HostileTemplateTests {
    @Test func aPartialCycleIsAnErrorAtTheReference() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        try site.write("Themes/minimal/templates/loop-a.mustache", "a {{> loop-b}}")
        try site.write("Themes/minimal/templates/loop-b.mustache", "b\n  {{> loop-a}}")
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Themes/minimal/templates/loop-b.mustache:2:3: error: template 'loop-b' includes partial 'loop-a', which "
                + "includes it again (loop-a → loop-b → loop-a); rendering would never end",
        ])
    }

    @Test func sectionsNestedWithoutBoundAreAnError() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        let deep = String(repeating: "{{#x}}", count: 50_000) + String(repeating: "{{/x}}", count: 50_000)
        try site.write("Themes/minimal/templates/deep.mustache", deep)
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Themes/minimal/templates/deep.mustache:1:601: error: template 'deep': sections nested more than 100 deep; "
                + "Folio reads at most 100",
        ])
    }
}

@Suite struct OutputFolderSafetyTests {
    @Test func anyOutputSpellingOfTheSameFolderSurvivesTheSwap() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        for spelling in ["public", "public/../public", "./public/", "Content/../public"] {
            let report = site.build(output: spelling)
            #expect(!report.diagnostics.hasErrors, "\(spelling): \(report.diagnostics)")
            #expect(site.exists("public/index.html"), "\(spelling)")
        }
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.hasPrefix(".public") }
        #expect(siblings.isEmpty, "no staging or old folders left: \(siblings)")
    }

    @Test func anOutputFolderThatIsALinkIsRefusedAndKept() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        site.build()
        try FileManager.default.createSymbolicLink(atPath: site.root + "/site-link", withDestinationPath: site.root + "/public")
        let report = site.build(output: "site-link")
        #expect(report.diagnostics.map(\.message) == [
            "the output path site-link is a symbolic link (to \(ProjectFiles.realPath(site.root + "/public")!)); Folio "
                + "does not replace or follow links. Build into the folder itself with --output "
                + "\(ProjectFiles.realPath(site.root + "/public")!)",
        ])
        let attributes = try FileManager.default.attributesOfItem(atPath: site.root + "/site-link")
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
    }

    @Test func leftoversOfKilledBuildsAreRemovedOnlyWhenProvablyFolios() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        site.build()
        let marker = try site.read("public/.folio-output")
        try site.write(".public.staging-1-1/.folio-output", marker)
        try site.write(".public.staging-1-1/index.html", "half written")
        try site.write(".public.old-1-2/.folio-output", marker)
        try site.write(".public.old-1-2/notes.txt", "not Folio's")
        try site.write(".public.old-1-3/index.html", "no marker at all")
        site.build()
        #expect(!site.exists(".public.staging-1-1"))
        #expect(site.exists(".public.old-1-2/notes.txt"))
        #expect(site.exists(".public.old-1-3/index.html"))
    }

    @Test func theSwapIsOneAtomicExchangeOnLinux() throws {
        let base = NSTemporaryDirectory() + "folio-exchange-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/b", withIntermediateDirectories: true)
        try Data("A".utf8).write(to: URL(fileURLWithPath: base + "/a/f"))
        try Data("B".utf8).write(to: URL(fileURLWithPath: base + "/b/f"))
        #expect(AtomicExchange.exchange(base + "/a", base + "/b") == .exchanged)
        #expect(FileManager.default.contents(atPath: base + "/a/f") == Data("B".utf8))
        #expect(FileManager.default.contents(atPath: base + "/b/f") == Data("A".utf8))
    }

    @Test func fileErrorsAreSaidInWords() {
        let missing = NSTemporaryDirectory() + "folio-missing-" + UUID().uuidString
        do {
            try FileManager.default.moveItem(atPath: missing, toPath: missing + "-moved")
            Issue.record("moving a missing file succeeded")
        } catch {
            let text = describeFileError(error)
            #expect(text.contains("No such file or directory"), "\(text)")
            #expect(!text.contains("NSError") && !text.contains("Domain="), "\(text)")
        }
    }
}
