// Charts (xychart-beta and pie): located diagnostics for bad input, and properties of the layout over random data:
// finite numbers only, every label inside the viewBox and clear of the others, ticks increasing, slices summing
// to a full turn.
import Foundation
import Testing
@testable import Folio

@Suite struct ChartDiagnosticTests {
    func problems(_ text: String) -> [DiagramProblem] {
        do throws(DiagramFailure) {
            return try Diagram.render(text, idPrefix: "t").warnings
        } catch {
            if case .invalid(let found) = error { return found }
            return []
        }
    }

    func messages(_ text: String) -> [String] {
        problems(text).map { "\($0.line):\($0.column): \($0.severity): \($0.message)" }
    }

    @Test func seriesOfTheWrongLengthAndNonNumbersAreErrorsAtTheirColumn() {
        #expect(messages("""
            xychart-beta
                x-axis [a, b, c]
                bar [1, 2]
                line [1, two, 3]
            """) == [
                "4:14: error: 'two' is not a number: series values are numbers such as 42 or -3.5",
                "3:9: error: this bar has 2 values, but the x-axis has 3 categories",
            ])
    }

    @Test func withoutCategoriesEverySeriesMatchesTheFirst() {
        #expect(messages("xychart-beta\n  bar [1, 2, 3]\n  line \"trend\" [1, 2]") == [
            "3:16: error: this line has 2 values, but the first series has 3",
        ])
    }

    @Test func aRangeThatLeavesDataOutIsAWarningAndStillDraws() throws {
        let text = "xychart-beta\n  y-axis \"ms\" 0 --> 100\n  bar [20, 140, -5]"
        #expect(messages(text) == [
            "2:15: warning: the y-axis range 0 --> 100 leaves out the value -5; it is drawn at the edge of the chart",
        ])
        #expect(try Diagram.render(text, idPrefix: "t").svg.contains("<svg"))
    }

    @Test func malformedAxesAndUnknownStatements() {
        #expect(messages("""
            xychart-beta sideways
                x-axis 10 --> 5
                y-axis "v" 0 -> 5
                bars [1]
            """) == [
                "1:14: error: expected 'horizontal' or 'vertical' after 'xychart-beta', found 'sideways'",
                "2:12: error: the x-axis range must grow: 10 --> 5",
                "3:18: error: expected a range such as '0 --> 100' after 'y-axis', found '->'",
                "4:5: error: unknown xychart statement 'bars': expected one of 'title', 'x-axis', 'y-axis', 'bar', "
                    + "'line', 'accTitle', 'accDescr'; did you mean 'bar'?",
            ])
    }

    @Test func aChartWithoutSeriesIsAnError() {
        #expect(messages("xychart-beta\n  title \"Empty\"") == [
            "1:1: error: expected a 'bar [...]' or 'line [...]' series after 'xychart-beta'",
        ])
    }

    @Test func pieProblems() {
        #expect(messages("pie title Pets") == [
            "1:1: error: empty pie: expected slices such as '\"Label\" : 42' after 'pie'",
        ])
        #expect(messages("pie\n  \"Dogs\" : -3\n  \"Cats\" : many\n  Birds : 2\n  \"Fish\" 4") == [
            "2:12: error: a slice cannot be negative: \"Dogs\" is -3",
            "3:12: error: 'many' is not a number: a slice's value is a number such as 42 or 3.5",
            "4:3: error: expected a slice such as '\"Label\" : 42' (the label in double quotes)",
            "5:10: error: expected ':' and a value after the slice label \"Fish\"",
        ])
        #expect(messages("pie\n  \"A\" : 0\n  \"B\" : 0") == [
            "1:1: error: every slice of this pie is 0: there is nothing to draw",
        ])
    }

    @Test func titlesAndAccessibleTextReachTheSVG() throws {
        let svg = try Diagram.render("""
            pie showData
                title Pets adopted
                accTitle: Adoptions in 2024
                accDescr {
                    Dogs lead
                }
                "Dogs" : 386
                "Cats" : 85
            """, idPrefix: "t").svg
        #expect(svg.contains(#"<title id="t-title">Adoptions in 2024</title>"#))
        #expect(svg.contains(#"<desc id="t-desc">Dogs lead Pie chart, Pets adopted. Dogs: 386 (82%). Cats: 85 (18%).</desc>"#))
        #expect(svg.contains("Dogs [386]"), "showData puts each value in the legend")
        #expect(!svg.contains("foreignObject"))
    }

    @Test func sliceLabelsReadOnEveryPaletteColour() throws {
        for colour in ChartSVG.palette {
            let contrast = try #require(ContrastTests.ratio("#1b2230", colour))
            #expect(contrast >= 4.5, "#1b2230 on \(colour) is \(contrast):1")
        }
        #expect(DiagramRole.chartSliceLabel.fallback.contains("#1b2230"))
    }

    @Test func theDataTableHasEveryNumber() throws {
        let rendered = try Diagram.render("""
            xychart-beta
                x-axis "Backend" [one, "two & three"]
                bar "calls" [1000, 0]
                line [2.5, -1]
            """, idPrefix: "t")
        let table = try #require(rendered.dataTable)
        #expect(table.hasPrefix(#"<details class="chart-data"><summary>Data</summary>"#))
        #expect(table.contains(#"<th scope="col">Backend</th><th scope="col">calls</th><th scope="col">line 1</th>"#))
        #expect(table.contains(#"<tr><th scope="row">two &amp; three</th><td>0</td><td>-1</td></tr>"#))
        #expect(table.contains("<td>2.5</td>"))
    }
}

@Suite struct ChartPropertyTests {
    /// The engine's SplitMix, so every run tries the same charts and a failure can be replayed.
    struct Random {
        var generator: SplitMix
        init(state: UInt64) { generator = SplitMix(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func double(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * Double(next() >> 11) / Double(1 << 53)
        }
        mutating func word() -> String {
            let words = ["a", "backend-1", "pick_first", "Très long libellé de catégorie", "x", "2024", "日本語", "Δ"]
            return (0..<int(1...3)).map { _ in words[int(0...(words.count - 1))] }.joined(separator: " ")
        }
    }

    func randomXY(_ random: inout Random) -> String {
        let count = random.int(1...14)
        let scale = [1.0, 0.01, 1000, 1e6][random.int(0...3)]
        var lines = ["xychart-beta" + (random.int(0...1) == 0 ? "" : " horizontal")]
        if random.int(0...1) == 0 { lines.append("title \"\(random.word())\"") }
        if random.int(0...2) > 0 {
            let names = (0..<count).map { _ in "\"\(random.word())\"" }
            lines.append("x-axis \"\(random.word())\" [\(names.joined(separator: ", "))]")
        }
        if random.int(0...1) == 0 { lines.append("y-axis \"\(random.word())\"") }
        let negative = random.int(0...3) == 0
        for _ in 0..<random.int(1...4) {
            let values = (0..<count).map { _ in
                ChartNumber.format(random.double(negative ? -scale : 0, scale) * (random.int(0...9) == 0 ? 0 : 1))
            }
            let kind = random.int(0...2) == 0 ? "line" : "bar"
            lines.append("\(kind) \"\(random.word())\" [\(values.joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n")
    }

    func expectSound(_ scene: ChartScene, svg: String, source: String) {
        #expect(!svg.contains("nan") && !svg.contains("inf"), "\(source)")
        #expect(XMLCheck.isWellFormed(svg), "\(source)")
        let viewBox = DiagramRect(x: 0, y: 0, width: scene.width, height: scene.height)
        let labels = scene.labels
        for label in labels {
            #expect(viewBox.contains(label.box), "\(label.lines) leaves the viewBox in:\n\(source)")
        }
        for (index, label) in labels.enumerated() {
            for other in labels[(index + 1)...] where label.box.intersects(other.box, tolerance: 0.5) {
                Issue.record("\(label.lines) overlaps \(other.lines) in:\n\(source)")
            }
        }
    }

    @Test func randomXYChartsAreSound() throws {
        var random = Random(state: 21)
        for _ in 0..<150 {
            let source = randomXY(&random)
            let parsed = try XYChartParser.parse(try #require(DiagramSource(source)))
            let scene = XYChartLayout(model: parsed.0).layout()
            let svg = try Diagram.render(source, idPrefix: "p").svg
            expectSound(scene, svg: svg, source: source)
        }
    }

    @Test func randomPiesAreSoundAndMakeAFullTurn() throws {
        var random = Random(state: 360)
        for _ in 0..<150 {
            let count = random.int(1...12)
            var lines = ["pie" + (random.int(0...1) == 0 ? " showData" : "")]
            if random.int(0...1) == 0 { lines.append("title \(random.word())") }
            for index in 0..<count {
                let value = index == 0 ? random.double(0.001, 1000) : random.double(0, 1000) * Double(random.int(0...3))
                lines.append("\"\(random.word())\" : \(ChartNumber.format(value))")
            }
            let source = lines.joined(separator: "\n")
            let model = try PieChartParser.parse(try #require(DiagramSource(source)))
            let layout = PieChartLayout(model: model)
            let angles = layout.angles()
            #expect(angles.count == count)
            #expect(angles.first?.start == 0 && angles.last?.end == 360, "\(source)")
            for (previous, next) in zip(angles, angles.dropFirst()) {
                #expect(previous.end == next.start && next.start <= next.end, "\(source)")
            }
            let total = angles.reduce(0) { $0 + ($1.end - $1.start) }
            #expect(abs(total - 360) < 1e-9)
            expectSound(layout.layout(), svg: try Diagram.render(source, idPrefix: "p").svg, source: source)
        }
    }

    @Test func ticksAreNiceAndStrictlyIncreasing() {
        var random = Random(state: 5)
        for _ in 0..<500 {
            let scale = [1.0, 0.001, 1e4, 1e9][random.int(0...3)]
            let a = random.double(-scale, scale), b = random.double(-scale, scale)
            let fixed = random.int(0...1) == 0 && a != b
            let ticks = NiceTicks(low: min(a, b), high: max(a, b), count: random.int(2...10), fixed: fixed)
            #expect(ticks.values.count >= 1, "\(a) \(b)")
            for (low, high) in zip(ticks.values, ticks.values.dropFirst()) { #expect(low < high, "\(a) \(b)") }
            #expect(ticks.values.allSatisfy { $0 >= ticks.lower - ticks.step * 1e-9 && $0 <= ticks.upper + ticks.step * 1e-9 })
            if !fixed { #expect(ticks.lower <= min(a, b) && ticks.upper >= max(a, b)) }
            #expect(Set(ticks.labels).count == ticks.labels.count, "tick labels must differ: \(ticks.labels)")
        }
        #expect(NiceTicks(low: 0, high: 1000, count: 6).values == [0, 200, 400, 600, 800, 1000])
        #expect(NiceTicks(low: 0, high: 0, count: 5).values.first == 0)
    }
}
