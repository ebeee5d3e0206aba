// The corpus: FlowchartCorpus/*.mmd, flowcharts in the styles of real repositories' architecture diagrams (nested
// subgraphs, back edges, labelled edges, anonymous subgraphs, Mermaid 11 node data, line breaks, entities, emoji
// and CJK). Each one parses, draws as well-formed SVG, and keeps every promise of `FlowchartQuality`.
// To look at them: FOLIO_CORPUS_PREVIEW=/tmp/corpus swift test --filter FlowchartCorpusTests, then open
// /tmp/corpus/index.html in a browser.
import Foundation
import Testing
@testable import Folio

@Suite struct FlowchartCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FlowchartCorpus")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".mmd") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Charts dot does not yet draw within every promise, and why. A chart listed here that starts passing fails
    /// the test, so the list cannot go stale.
    static let knownIssues: [String: String] = [:]

    @Test func theCorpusHoldsThirtyCharts() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func keepsEveryPromise(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).mmd"), encoding: .utf8)
        let source = try #require(DiagramSource(text))
        let (model, _) = try FlowchartParser.parse(source)
        let found = try FlowchartQuality.problems(of: model)
        if let reason = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: reason)) { #expect(found == [], "\(name): \(found)") }
        } else {
            #expect(found == [], "\(name): \(found)")
        }
        let svg = try Diagram.render(text, idPrefix: "c-\(name)").svg
        #expect(XMLCheck.isWellFormed(svg), "\(name)")
        if let preview = ProcessInfo.processInfo.environment["FOLIO_CORPUS_PREVIEW"] {
            try FileManager.default.createDirectory(atPath: preview, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(preview)/\(name).svg"))
        }
    }
}
