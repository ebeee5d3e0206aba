// Companion code: region markers, includes, stale copies, sync, demo output and the code-block policy.
import Foundation
import Testing
@testable import Folio

@Suite struct SnippetMarkerTests {
    func parse(_ text: String) -> SnippetFile {
        SnippetMarkers.parse(text, path: "A.swift", displayPath: "Sources/Companion/A.swift")
    }

    @Test func cutsRegionsDropsHiddenLinesTrimsAndDedents() throws {
        let file = parse("""
            import Foundation
            struct Relay {
                // snippet.publish

                func publish() {
                    // snippet.hide
                    setUp()
                    // snippet.show
                    send()
                }

                // snippet.end
            }
            """)
        #expect(file.diagnostics.isEmpty)
        let region = try #require(file.regions["publish"])
        #expect(region.lines == ["func publish() {", "    send()", "}"])
        #expect(region.markerLine == 3)
        #expect(region.firstLine == 5 && region.lastLine == 10)
        #expect(file.wholeFile.first == "import Foundation")
        #expect(!file.wholeFile.contains { $0.contains("setUp") || $0.contains("snippet.") })
    }

    @Test func markersAreCaseInsensitiveAsInDocC() {
        let file = parse("// Snippet.A\nlet a = 1\n// SNIPPET.END\n")
        #expect(file.regions["A"]?.lines == ["let a = 1"])
        #expect(file.diagnostics.isEmpty)
    }

    @Test func sqlLineCommentsMarkRegionsAndOtherCommentsStay() {
        let file = SnippetMarkers.parse("""
            -- snippet.claim
            -- name: claimBatch
            SELECT id FROM outbox
            -- snippet.hide
            WHERE false
            -- snippet.show
            FOR UPDATE SKIP LOCKED;
            -- snippet.end
            """, path: "outbox.sql", displayPath: "Sources/Companion/outbox.sql")
        #expect(file.regions["claim"]?.lines == ["-- name: claimBatch", "SELECT id FROM outbox", "FOR UPDATE SKIP LOCKED;"])
        #expect(file.diagnostics.isEmpty)
    }

    @Test func reportsEveryMarkerProblemWithItsLine() {
        let file = parse("""
            // snippet.endpoint
            let a = 1
            // snippet.end
            // snippet.bad.name
            // snippet.end
            // snippet.dup
            let b = 2
            // snippet.end
            // snippet.dup
            let c = 3
            // snippet.end
            // snippet.empty

            // snippet.end
            // snippet.hide
            // snippet.secret
            // snippet.show
            // snippet.outer
            // snippet.inner
            let d = 4
            // snippet.end
            // snippet.tail
            let e = 5
            """)
        let printed = file.diagnostics.map(\.description)
        #expect(printed == [
            "Sources/Companion/A.swift:1:1: error: region name 'endpoint' starts with 'end'; DocC reads it as 'snippet.end'. Rename the region",
            "Sources/Companion/A.swift:3:1: warning: 'snippet.end' with no region open",
            "Sources/Companion/A.swift:4:1: error: region name 'bad.name' contains '.'; use only letters, digits, '_' and '-'",
            "Sources/Companion/A.swift:5:1: warning: 'snippet.end' with no region open",
            "Sources/Companion/A.swift:9:1: error: duplicate region name 'dup' (first defined on line 6)",
            "Sources/Companion/A.swift:11:1: warning: 'snippet.end' with no region open",
            "Sources/Companion/A.swift:12:1: error: region 'empty' is empty: there is nothing between its markers to show",
            "Sources/Companion/A.swift:16:1: error: region 'secret' starts inside hidden lines (hidden since line 15); DocC would drop it. Add '// snippet.show' before it",
            "Sources/Companion/A.swift:19:1: error: region 'inner' starts while 'outer' (line 18) is open; end it with '// snippet.end' first (DocC would end it silently)",
            "Sources/Companion/A.swift:18:1: error: region 'outer' is empty: there is nothing between its markers to show",
            "Sources/Companion/A.swift:22:1: warning: region 'tail' is never ended; it runs to the end of the file",
        ])
        #expect(file.regions["tail"]?.lines == ["let e = 5"])
        #expect(file.regions["inner"]?.lines == ["let d = 4"])
    }
}

@Suite struct SnippetIncludeTests {
    static let source = """
        // A companion file.
        public struct Relay {
            // snippet.publish
            public func publish() {
                // snippet.hide
                prepare()
                // snippet.show
                send()
            }
            // snippet.end

            // snippet.close
            public func close() {}
            // snippet.end
        }
        """

    static let siteConfig = TestSite.siteConfig + """

        companions:
          - name: swift
            root: Companion
            languages: [swift]
            demo: sh demos/{demo}.sh
            demos: pins
            source_url: https://example.org/src/{path}#L{start}-L{end}

        """

    func site(_ post: String, extra: [String: String] = [:]) throws -> TestSite {
        var files = ["Content/site.yml": Self.siteConfig, "Companion/Outbox/Relay.swift": Self.source,
                     "Content/posts/p.md": post]
        for (path, text) in extra { files[path] = text }
        return try TestSite(files)
    }

    func fence(_ info: String, _ body: String = "") -> String {
        post("P", body: "Intro.\n\n```\(info)\n\(body)```")
    }

    @Test func aPostShowsExactlyTheRegionWithACaption() throws {
        let site = try site(fence("swift snippet=\"Outbox/Relay.swift#publish\""))
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let html = try site.read("public/posts/p/index.html")
        #expect(html.contains("<figcaption><a class=\"code-source\" href=\"https://example.org/src/Outbox/Relay.swift#L4-L9\" rel=\"noopener\">Outbox/Relay.swift · publish</a></figcaption>"))
        // The code as a reader sees it, once the highlighting spans are stripped: exactly the region.
        let code = try #require(html.range(of: "<code class=\"language-swift\">").flatMap { start in
            html[start.upperBound...].range(of: "</code>").map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        #expect(HTML.plainText(fromFragment: code) == "public func publish() {\n    send()\n}\n")
        #expect(code.contains("<span class=\"tok-keyword\">func</span>"), "includes are highlighted")
        #expect(!html.contains("prepare()"))
    }

    @Test func aCommittedCopyMustMatchTheSource() throws {
        let current = "public func publish() {\n    send()\n}\n"
        let fresh = try site(fence("swift snippet=\"Outbox/Relay.swift#publish\"", current))
        defer { fresh.destroy() }
        #expect(fresh.build().diagnostics.isEmpty)

        let stale = try site(fence("swift snippet=\"Outbox/Relay.swift#publish\"", "public func publish() {\n    sendAll()\n}\n"))
        defer { stale.destroy() }
        let printed = stale.build().diagnostics.map(\.description)
        #expect(printed == ["""
            Content/posts/p.md:8:10: error: stale snippet: the copy in this fence differs from Outbox/Relay.swift#publish; run 'folio snippets sync'
                (- the source, + this fence)
                line 2 -     send()
                line 2 +     sendAll()
            """])
    }

    @Test func unknownFileRegionAndLanguageAreErrorsAtTheFence() throws {
        let site = try site(post("P", body: """
            ```swift snippet="Outbox/Relays.swift#publish"
            ```

            ```swift snippet="Outbox/Relay.swift#publsh"
            ```

            ```go snippet="main.go"
            ```

            ```swift snippet="Outbox/Relay.swift#close" highlight="2-3"
            ```
            """))
        defer { site.destroy() }
        let printed = site.build().diagnostics.map(\.description)
        #expect(printed == [
            "Content/posts/p.md:6:10: error: unknown file 'Outbox/Relays.swift' in companion 'swift' (Companion/); did you mean 'Outbox/Relay.swift'?",
            "Content/posts/p.md:9:10: error: unknown region 'publsh' in Companion/Outbox/Relay.swift; did you mean 'publish'? (regions: publish, close)",
            "Content/posts/p.md:12:7: error: no companion declares the language 'go' (companions cover: swift)",
            "Content/posts/p.md:15:45: error: highlight line 2 is outside the 1 line this block shows",
        ])
    }

    @Test func syncFillsFencesAndTheBuildThenPasses() throws {
        let site = try site(fence("swift snippet=\"Outbox/Relay.swift#close\"", "stale\n"))
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/posts/p.md:8:10: error: stale snippet: the copy in this fence differs from Outbox/Relay.swift#close; "
                + "run 'folio snippets sync'\n    (- the source, + this fence)\n    line 1 - public func close() {}\n"
                + "    line 1 + stale",
        ])
        let report = SnippetSync(root: site.root).run()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.fencesUpdated == 1 && report.filesChanged == ["Content/posts/p.md"])
        #expect(try site.read("Content/posts/p.md").hasSuffix(
            "```swift snippet=\"Outbox/Relay.swift#close\"\npublic func close() {}\n```\n"))
        #expect(site.build().diagnostics.isEmpty)
        #expect(SnippetSync(root: site.root).run().fencesUpdated == 0, "a second sync changes nothing")
    }

    static let demoFiles = [
        "demos/hello.sh": "echo 'hello from the demo'\necho 'second line'\n",
        "pins/hello.swift": "func hello() {}\n// Output:\n// hello from the demo\n// second line\n",
        "demos/broken.sh": "echo 'oops' >&2\nexit 3\n",
    ]

    @Test func syncCapturesDemoOutputAndTheBuildShowsIt() throws {
        let site = try site(fence("swift snippet=\"Outbox/Relay.swift#close\" output=\"hello\""), extra: Self.demoFiles)
        defer { site.destroy() }
        let printed = site.build().diagnostics.map(\.description)
        #expect(printed == ["Content/posts/p.md:8:45: error: no captured output for demo 'hello' after this fence; run 'folio snippets sync' to capture it"])
        let report = SnippetSync(root: site.root).run()
        #expect(report.outputsCaptured == 1, "\(report.diagnostics)")
        #expect(try site.read("Content/posts/p.md").contains("```\n\n```output\nhello from the demo\nsecond line\n```"))
        #expect(site.build().diagnostics.isEmpty)
        let html = try site.read("public/posts/p/index.html")
        #expect(html.contains("<pre><samp>hello from the demo\nsecond line\n</samp></pre>"))
        #expect(site.build(write: false, policy: true).diagnostics.isEmpty, "check re-runs the demo and it matches")
    }

    /// A post showing two demos: `hello` with its output (line 6), `broken` with an empty one (line 15).
    static let helloAndBroken = post("P", body: """
            ```swift snippet="Outbox/Relay.swift#close" output="hello"
            public func close() {}
            ```

            ```output
            hello from the demo
            second line
            ```

            ```swift snippet="Outbox/Relay.swift#close" output="broken"
            public func close() {}
            ```

            ```output
            ```
            """)

    @Test func checkReportsAFailingDemoAndOutputThatNoLongerMatchesItsPin() throws {
        let site = try site(Self.helloAndBroken, extra: Self.demoFiles)
        defer { site.destroy() }
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            "Content/posts/p.md:15:45: error: demo 'broken' failed with exit status 3\n    oops",
        ])
        try site.write("demos/hello.sh", "echo 'hello from the demo, changed'\necho 'second line'\n")
        let printed = site.build(write: false, policy: true).diagnostics.map(\.description)
        #expect(printed.first == """
            Content/posts/p.md:6:45: error: demo 'hello' no longer prints the output pinned in pins/hello.swift
                (- pinned, + printed now)
                line 1 - hello from the demo
                line 1 + hello from the demo, changed
            """)
    }

    /// Every child process goes through `BuildOptions.commands`: a build runs none (its default refuses), and a
    /// check runs the companion's build once and each demo once, through the runner it is given.
    @Test func onlyACheckRunsCommandsAndOnlyThroughTheRunnerItIsGiven() throws {
        let config = Self.siteConfig.replacingOccurrences(
            of: "demo: sh demos/{demo}.sh", with: "build: sh build.sh\n    demo: sh demos/{demo}.sh")
        let site = try site(Self.helloAndBroken,
                            extra: Self.demoFiles.merging(["Content/site.yml": config, "build.sh": "touch built\n"]) { $1 })
        defer { site.destroy() }
        let ran = LockedList()
        let recording = Commands { command, directory, _ in
            ran.append("\(command) in \(directory == site.root ? "root" : directory)")
            return Commands.Outcome(status: 0, output: command.contains("hello") ? "hello from the demo\n" : "",
                                    errorOutput: "")
        }
        var options = BuildOptions(root: site.root)
        options.commands = recording
        #expect(Pipeline.build(options).diagnostics.isEmpty)
        #expect(ran.items.isEmpty, "a build runs no command")
        #expect(!site.exists("built"))

        options.writeOutput = false
        options.enforceCodePolicy = true
        _ = Pipeline.build(options)
        #expect(ran.items == ["sh build.sh in root", "sh demos/hello.sh in root", "sh demos/broken.sh in root"])
        #expect(!site.exists("built"), "the recording runner ran nothing for real")
    }

    @Test func aCompanionsBuildCommandRunsOnceBeforeItsDemosAndAFailedBuildFailsEach() throws {
        let config = Self.siteConfig.replacingOccurrences(
            of: "demo: sh demos/{demo}.sh", with: "build: sh build.sh\n    demo: sh bin/{demo}.sh")
        // The build puts the demos where the demo command runs them from, and counts its runs.
        let build = "echo run >> build.log\nmkdir -p bin\ncp demos/*.sh bin/\n"
        let site = try site(Self.helloAndBroken,
                            extra: Self.demoFiles.merging(["Content/site.yml": config, "build.sh": build]) { $1 })
        defer { site.destroy() }
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            "Content/posts/p.md:15:45: error: demo 'broken' failed with exit status 3\n    oops",
        ])
        #expect(try site.read("build.log") == "run\n", "one build for two demos")
        _ = SnippetSync(root: site.root).run()
        #expect(try site.read("build.log") == "run\nrun\n", "sync builds once too")

        try site.write("build.sh", "echo 'error: cannot find type Relay' >&2\nexit 2\n")
        try site.write("bin/hello.sh", "echo 'a stale binary'\n")
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            "Content/posts/p.md:6:45: error: demo 'hello' could not run: its companion's build command failed "
                + "with exit status 2: sh build.sh\n    error: cannot find type Relay",
            "Content/posts/p.md:15:45: error: demo 'broken' could not run: its companion's build command failed "
                + "with exit status 2: sh build.sh\n    error: cannot find type Relay",
        ], "no demo runs a stale build")
    }

    @Test func policyRequiresIncludesOrIllustrativeInCheckOnly() throws {
        let site = try site(post("P", body: """
            ```swift
            let notCompiled = true
            ```

            ```swift illustrative
            let shownAnyway = true
            ```

            ```go
            fmt.Println("no Go companion here, so no rule")
            ```
            """))
        defer { site.destroy() }
        #expect(site.build().diagnostics.isEmpty, "a build renders everything")
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            "Content/posts/p.md:6:1: error: this swift fence is not compiled: include companion code with snippet=\"path#region\" (from Companion/), or mark it 'illustrative'",
        ])
        #expect(try site.read("public/posts/p/index.html").contains(
            "<figure class=\"code illustrative\"><figcaption><span class=\"code-label\">illustrative, not compiled</span></figcaption>"))
    }

    @Test func strictCheckReportsRegionsNoPostUses() throws {
        let site = try site(fence("swift snippet=\"Outbox/Relay.swift#close\"", "public func close() {}\n"))
        defer { site.destroy() }
        var options = BuildOptions(root: site.root)
        options.writeOutput = false
        options.enforceCodePolicy = true
        options.strict = true
        #expect(Pipeline.build(options).diagnostics.map(\.description) == [
            "Companion/Outbox/Relay.swift:3:1: error: region 'publish' is not included by any post (--strict)",
        ])
    }

    @Test func fenceInfoParsing() {
        let info = FenceInfo("swift snippet=\"A.swift#x\" highlight='2,4-6' title=main.go linenos illustrative")
        #expect(info.language == "swift")
        #expect(info.attributes == ["snippet": "A.swift#x", "highlight": "2,4-6", "title": "main.go"])
        #expect(info.flags == ["linenos", "illustrative"])
        #expect(FenceInfo.highlightedLines("2,4-6", lineCount: 6) == .success([2, 4, 5, 6]))
        #expect(FenceInfo.highlightedLines("3-1", lineCount: 6) == .failure(.notALineList("3-1")))
        #expect(FenceInfo.highlightedLines("x", lineCount: 6) == .failure(.notALineList("x")))
        #expect(FenceInfo.highlightedLines("5-7", lineCount: 6) == .failure(.outside(line: 7, lineCount: 6)))
    }
}

/// Strings appended from any thread.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
