// Unit tests of the content model: dates, slugs, front matter splitting, part numbers.
import Foundation
import Testing
@testable import Folio

@Suite struct ContentTests {
    @Test(arguments: [
        ("2024-05-01", "2024-05-01T00:00:00Z"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00Z"),
        ("2024-05-01 09:30", "2024-05-01T09:30:00Z"),
        ("2024-05-01T09:30:00+02:00", "2024-05-01T07:30:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("1999-12-31T23:59:59.250Z", "1999-12-31T23:59:59Z"),
    ])
    func parsesDates(_ text: String, _ expected: String) throws {
        let date = try #require(ContentDate(parsing: text))
        #expect(DateText.rfc3339(date.date) == expected)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-04-31", "2024-1-1", "yesterday", "2024-05-01T25:00", "2024-05-01X"])
    func rejectsDates(_ text: String) {
        #expect(ContentDate(parsing: text) == nil)
    }

    @Test func formatsDatesForReaders() throws {
        let date = try #require(ContentDate(parsing: "2026-11-02"))
        #expect(DateText.readable(date.date) == "2 November 2026")
        #expect(DateText.iso(date.date) == "2026-11-02")
        #expect(DateText.year(date.date) == 2026)
    }

    @Test(arguments: [
        ("Go & gRPC: Part 2", "go-grpc-part-2"),
        ("  Hello,   World!  ", "hello-world"),
        ("C++ tips", "cplusplus-tips"),
        ("Ünïcode café", "unicode-cafe"),
    ])
    func makesSlugs(_ text: String, _ expected: String) {
        #expect(Slug.make(text) == expected)
    }

    @Test func splitsFrontMatter() throws {
        guard case .success(let parts) = FrontMatterSplitter.split("---\ntitle: A\n---\n\nBody\n") else {
            Issue.record("did not split")
            return
        }
        #expect(parts.yaml == "title: A\n")
        #expect(parts.body == "\nBody\n")
        #expect(parts.bodyLineOffset == 3)
    }

    @Test func acceptsWindowsLineEndingsAndDotsClosing() throws {
        guard case .success(let parts) = FrontMatterSplitter.split("---\r\ntitle: A\r\n...\r\nBody") else {
            Issue.record("did not split")
            return
        }
        #expect(parts.yaml == "title: A\r\n")
        #expect(parts.body == "Body")
    }

    @Test func numberPrefixes() {
        #expect(ContentLoader.splitNumberPrefix("02-retries") == (2, "retries"))
        #expect(ContentLoader.splitNumberPrefix("2024_review") == (2024, "review"))
        #expect(ContentLoader.splitNumberPrefix("retries") == (nil, "retries"))
        #expect(ContentLoader.splitNumberPrefix("404") == (nil, "404"))
    }

    @Test func seriesOrderFollowsPartNumbersThenFileNames() throws {
        let site = try TestSite([
            "Content/series/s/series.yml": "title: S\n",
            "Content/series/s/03-third.md": post("Third", date: "2024-01-01"),
            "Content/series/s/first.md": post("First", date: "2024-03-01", extra: "part: 1"),
            "Content/series/s/02-second.md": post("Second", date: "2024-02-01"),
            "Content/posts/elsewhere.md": post("Fourth", date: "2024-05-01", extra: "series: s\npart: 4"),
        ])
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let series = try site.read("public/series/s/index.html")
        let order = ["First", "Second", "Third", "Fourth"].compactMap { series.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
        #expect(try site.read("public/posts/elsewhere/index.html").contains("Part 4 of 4"))
    }

    @Test func readingTimeAndSummaryAreDerived() {
        let words = Array(repeating: "word", count: 460).joined(separator: " ")
        let rendered = Folio.renderFragment("First *paragraph* here.\n\n\(words)\n")
        #expect(rendered.firstParagraph == "First paragraph here.")
        #expect(rendered.wordCount == 463)
        #expect(rendered.readingMinutes == 3)
    }
}

@Suite struct SeriesWindowTests {
    @Test func longSeriesShowEndsAndNeighboursWithGaps() {
        let parts = (1...30).map { SeriesPart(number: $0, title: "P\($0)", url: "/p\($0)/", isCurrent: $0 == 15) }
        let shown = PageComposer.window(parts, around: 14)
        #expect(shown.map { $0.isGap ? 0 : $0.number } == [1, 0, 12, 13, 14, 15, 16, 17, 18, 0, 30])
        #expect(PageComposer.window(Array(parts.prefix(12)), around: 3).count == 12, "short series show every part")
        #expect(PageComposer.window(parts, around: 0).map { $0.isGap ? 0 : $0.number } == [1, 2, 3, 4, 0, 30])
    }
}
