// Sequence diagrams: what the parser reads (and the exact errors it reports), colours as a security boundary,
// numbering and activations in the layout, and random diagrams that must always draw cleanly.
import Foundation
import Testing
@testable import Folio

@Suite struct SequenceDiagramTests {
    private func model(_ text: String) throws -> SequenceModel {
        let source = try #require(DiagramSource(text))
        return try SequenceParser.parse(source)
    }

    private func problems(_ text: String) -> [DiagramProblem] {
        diagramErrors(text)
    }

    private func warning(_ text: String) -> DiagramProblem? {
        do throws(DiagramFailure) {
            _ = try Diagram.render(text, idPrefix: "t")
            return nil
        } catch {
            if case .unsupported(let problem) = error { return problem }
            return nil
        }
    }

    // MARK: Parsing

    @Test func readsParticipantsAliasesActorsAndImplicitOnes() throws {
        let parsed = try model("""
            sequenceDiagram
                participant W as Web app
                Actor U as Customer
                U->>W: open
                W->>Order Service: call
                order-service->>W: hyphenated
                participant W
            """)
        #expect(parsed.participants.map(\.id) == ["W", "U", "Order Service", "order-service"])
        #expect(parsed.participants.map(\.label) == [["Web app"], ["Customer"], ["Order Service"], ["order-service"]])
        #expect(parsed.participants.map(\.shape) == [.box, .stickFigure, .box, .box])
    }

    @Test func readsEveryArrow() throws {
        let parsed = try model(
            "sequenceDiagram\nA->>B: 1\nA-->>B: 2\nA->B: 3\nA-->B: 4\nA-xB: 5\nA--xB: 6\nA-)B: 7\nA--)B: 8")
        let kinds = parsed.events.compactMap { event -> String? in
            guard case .message(let message) = event else { return nil }
            return "\(message.line) \(message.head)"
        }
        #expect(kinds == ["solid arrow", "dotted arrow", "solid none", "dotted none", "solid cross", "dotted cross",
                          "solid open", "dotted open"])
    }

    @Test func readsActivationShorthandsAndBlocks() throws {
        let parsed = try model("""
            sequenceDiagram
              A->>+B: go
              alt ok
                B-->>-A: done
              else
                A-)B: retry
              end
              autonumber 10 5
              autonumber 3
              autonumber off
            """)
        guard case .message(let first) = parsed.events[0], case .message(let second) = parsed.events[2] else {
            Issue.record("expected messages")
            return
        }
        #expect(first.activatesTarget && !first.deactivatesSource)
        #expect(second.deactivatesSource && second.from == 1)
        #expect(parsed.events[1] == .blockStart(.alt, label: "ok"))
        #expect(parsed.events[3] == .blockSection(label: ""))
        #expect(parsed.events[5] == .blockEnd)
        #expect(parsed.events[6] == .autonumber(start: 10, step: 5, visible: true))
        #expect(parsed.events[7] == .autonumber(start: 3, step: 1, visible: true))
        #expect(parsed.events[8] == .autonumber(start: nil, step: nil, visible: false))
    }

    @Test func readsTitlesAndAccessibleText() throws {
        let parsed = try model("sequenceDiagram\ntitle The flow\naccTitle: Short\naccDescr: Long text\nA->>B: x")
        #expect(parsed.title == "The flow" && parsed.accessibleTitle == "Short")
        #expect(parsed.accessibleDescription == "Long text")
        #expect(try model("sequenceDiagram\ntitle: Legacy form\nA->>B: x").title == "Legacy form")
        let svg = try Diagram.render("sequenceDiagram\nA->>B: x\nB-->>C: y", idPrefix: "t").svg
        #expect(svg.contains(#"<title id="t-title">Sequence diagram</title>"#))
        #expect(svg.contains("Sequence diagram between A, B and C: 2 messages."))
    }

    // MARK: Errors

    @Test func reportsAMissingMessageText() {
        #expect(problems("sequenceDiagram\n    Alice->>Bob") == [
            .error("expected ':' and the message text after 'Alice->>Bob'", line: 2, column: 16),
        ])
    }

    @Test func hintsAtEntityCodesWhenASemicolonSplitAMessage() {
        #expect(problems("sequenceDiagram\n  A->>B: BEGIN; INSERT INTO orders") == [
            .error("';' ends a statement, so 'INSERT INTO orders' was read as one; write '#59;' for a semicolon in text",
                   line: 2, column: 17),
        ])
        #expect((try? Diagram.render("sequenceDiagram\n  A->>B: BEGIN#59; INSERT", idPrefix: "s").svg)?
            .contains("BEGIN; INSERT") == true)
    }

    @Test func reportsBlockMistakesWithPositions() {
        let found = problems("""
            sequenceDiagram
              A->>B: x
              loop forever
                A->>B: y
              else nope
              and more
            end
            end
              option x
              opt
            """)
        #expect(found == [
            .error("'else' outside an 'alt' block", line: 5, column: 3),
            .error("'and' outside a 'par' block", line: 6, column: 3),
            .error("'end' without an open block", line: 8, column: 1),
            .error("'option' outside a 'critical' block", line: 9, column: 3),
            .error("unclosed 'opt' block opened at line 10", line: 10, column: 3),
        ])
    }

    @Test func reportsEveryProblemInOrder() {
        let found = problems("""
            sequenceDiagram
              Note beside A: x
              Note left of A,B: x
              deactivate A
              A->>-B: x
              rect fancy
              end
              autonumber 1 2 3
              box hsl(10, 20%, 30%) Team
              end
              participnt C
              activate Zed
            """)
        #expect(found.map(\.message) == [
            "expected 'left of', 'right of' or 'over' after 'Note'",
            "a note beside a participant names one; use 'Note over A,B' to span two",
            "no participant named 'A' before this 'deactivate'",
            "'-' deactivates 'A', which is not active",
            "'fancy' is not a colour Folio accepts after 'rect': use a CSS colour name, #hex, rgb(…), rgba(…) or "
                + "transparent",
            "expected nothing, 'off', or a start number and an optional step after 'autonumber'",
            "'hsl(10, 20%, 30%)' is not a colour Folio accepts in 'box': use a CSS colour name, #hex, rgb(…), rgba(…) or "
                + "transparent",
            "unknown statement 'participnt'; did you mean 'participant'?",
            "no participant named 'Zed' before this 'activate'",
        ])
        #expect(found.map(\.line) == [2, 3, 4, 5, 6, 8, 9, 11, 12])
        #expect(found.map(\.column) == [8, 16, 14, 7, 8, 14, 7, 3, 12])
    }

    @Test func reportsMisplacedBoxContent() {
        #expect(problems("sequenceDiagram\nA->>B: x\nbox Team\n  participant A\n  A->>B: y\nend") == [
            .error("participant 'A' already appeared before this 'box'; declare it inside the box before its first use",
                   line: 4, column: 15),
            .error("only 'participant' and 'actor' statements may appear inside a 'box' (close it with 'end')",
                   line: 5, column: 3),
        ])
        #expect(problems("sequenceDiagram\nbox\nparticipant A") == [
            .error("unclosed 'box' opened at line 2", line: 2, column: 1),
        ])
    }

    @Test func unsupportedConstructsAreWarnings() {
        let cases = [
            ("sequenceDiagram\nA->>B: x\ncreate participant C", "'create'", 3),
            ("sequenceDiagram\nparticipant A\nlink A: Dashboard @ https://example.com", "participant menus", 3),
            ("sequenceDiagram\nA<<->>B: both ways", "bidirectional arrows", 2),
            ("sequenceDiagram\nparticipant DB@{ \"type\": \"database\" }", "participant settings", 2),
            ("sequenceDiagram\ndestroy A", "'destroy'", 2),
            ("sequenceDiagram\npar_over x\nend", "'par_over'", 2),
        ]
        for (text, construct, line) in cases {
            let problem = warning(text)
            #expect(problem?.severity == .warning, "\(text)")
            #expect(problem?.message.contains(construct) == true, "\(text)")
            #expect(problem?.line == line, "\(text)")
        }
    }

    // MARK: Colours

    @Test func acceptsOnlyWellFormedColours() {
        #expect(CSSColour.parse("Aqua") == "aqua")
        #expect(CSSColour.parse("transparent") == "transparent")
        #expect(CSSColour.parse("#A0b1C2") == "#a0b1c2")
        #expect(CSSColour.parse("rgb(200, 220, 255)") == "rgb(200,220,255)")
        #expect(CSSColour.parse("rgba(0, 0, 0, 0.25)") == "rgba(0,0,0,0.25)")
        #expect(CSSColour.parse("rgb(10%, 20%, 30%)") == "rgb(10%,20%,30%)")
        for hostile in ["red;background:url(x)", "rgb(1,2,3);x", "#12345g", "rgb(1,2)", "rgb(1,2,3,4)",
                        "rgba(1,2,3,0.5) x", "expression(alert(1))", "url(x)", "#", "rgb(1,2,3", "rgb(-1,2,3)",
                        "rgb(1e3,2,3)", "\"red\"", "red\" onload=\"x"]
        {
            #expect(CSSColour.parse(hostile) == nil, "\(hostile)")
        }
    }

    @Test func authorColoursNeverReachTheSVGUnchecked() throws {
        let svg = try Diagram.render("""
            sequenceDiagram
              box red" onmouseover="alert(1) Team
                participant A
              end
              rect rgb(1, 2, 3)
                A->>B: x
              end
            """, idPrefix: "t").svg
        #expect(!svg.contains("onmouseover=\""))
        #expect(svg.contains("style=\"fill:rgb(1,2,3);stroke:none\""))
        #expect(XMLCheck.isWellFormed(svg))
    }

    // MARK: Layout

    @Test func numbersMessagesAsMermaidDoes() throws {
        let scene = SequenceLayout.layout(try model("""
            sequenceDiagram
              A->>B: a
              autonumber
              A->>B: b
              autonumber 10 5
              A->>B: c
              autonumber off
              A->>B: d
              autonumber
              A->>B: e
            """))
        // The count runs on under every message, shown or not.
        #expect(scene.messages.map(\.number) == [nil, 2, 10, nil, 20])
    }

    @Test func messagesEndAtActivationBars() throws {
        let scene = SequenceLayout.layout(try model("sequenceDiagram\nA->>+B: in\nB-->>-A: out"))
        #expect(scene.bars.count == 1)
        let bar = scene.bars[0]
        #expect(scene.messages[0].points[1].x == bar.x)
        #expect(scene.messages[1].points[0].x == bar.x)
        #expect(bar.y == scene.messages[0].points[0].y && bar.maxY == scene.messages[1].points[0].y)
    }

    @Test func stackedActivationsStepRight() throws {
        let scene = SequenceLayout.layout(try model(
            "sequenceDiagram\nA->>B: x\nactivate B\nactivate B\nB->>A: y\ndeactivate B\ndeactivate B"))
        #expect(scene.bars.count == 2)
        #expect(scene.bars[0].x == scene.bars[1].x + SequenceMetrics.barStep)
    }

    @Test func rendersTheSameBytesTwice() throws {
        let text = try String(contentsOf: DiagramGoldenTests.folder.appendingPathComponent("sequence-outbox-relay.mmd"),
                              encoding: .utf8)
        #expect(try Diagram.render(text, idPrefix: "a").svg == Diagram.render(text, idPrefix: "a").svg)
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        for _ in 0..<20 {
            elapsed += clock.measure { _ = try? Diagram.render(text, idPrefix: "a") }
        }
        print("sequence-outbox-relay renders in \(elapsed / 20) on average")
    }

    // MARK: Random diagrams

    @Test(arguments: 0..<200)
    func randomDiagramsDrawCleanly(_ seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        var generator = RandomSequence(random: &random)
        let text = generator.diagram()
        let parsed: SequenceModel
        do {
            parsed = try model(text)
        } catch {
            Issue.record("seed \(seed) did not parse: \(error)\n\(text)")
            return
        }
        let scene = SequenceLayout.layout(parsed)
        let svg = try Diagram.render(text, idPrefix: "r\(seed)").svg
        #expect(XMLCheck.isWellFormed(svg), "seed \(seed)\n\(text)")
        let boxes = scene.participants.map(\.rect).sorted { $0.x < $1.x }
        for (left, right) in zip(boxes, boxes.dropFirst()) {
            #expect(left.maxX <= right.x, "participant boxes overlap, seed \(seed)\n\(text)")
        }
        for message in scene.messages {
            let box = message.textBox
            #expect(box.x >= scene.minX - 0.01 && box.maxX <= scene.maxX + 0.01,
                    "label '\(message.text)' leaves the drawing, seed \(seed)\n\(text)")
        }
        #expect(abs(scene.width - (scene.maxX - scene.minX + 2 * SequenceMetrics.margin)) < 0.01)
    }
}

/// Random but valid sequence diagrams: participants, every arrow, activations, notes and nested blocks.
struct RandomSequence {
    var random: SplitMix
    private var names: [String] = []
    private var active: [String: Int] = [:]
    /// Participants that exist so far: only these can be activated.
    private var seen: [String] = []
    private var lines: [String] = []

    init(random: inout SplitMix) { self.random = random }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    private mutating func words() -> String {
        let pool = ["ok", "publish event", "SELECT * FROM outbox", "a<br>b", "#59; semi", "naïve café", "日本",
                    "a rather long message label that needs a wide gap", "x", "<tag> & \"quotes\""]
        return (0..<(1 + Int(random.next() % 3))).map { _ in pick(pool) }.joined(separator: " ")
    }

    mutating func diagram() -> String {
        let pool = ["Alice", "Bob", "Carol Smith", "db-1", "Queue", "X", "A very long participant name"]
        let count = 1 + Int(random.next() % 6)
        names = Array(pool.shuffled(using: &random).prefix(count))
        lines = ["sequenceDiagram"]
        if chance(30) { lines.append("title \(words())") }
        if chance(30) { lines.append("autonumber") }
        for name in names where chance(50) {
            seen.append(name)
            lines.append("\(pick(["participant", "actor"])) \(name)" + (chance(40) ? " as \(words())" : ""))
        }
        body(depth: 0, length: 3 + Int(random.next() % 10))
        return lines.joined(separator: "\n")
    }

    private mutating func body(depth: Int, length: Int) {
        for _ in 0..<length {
            switch random.next() % 10 {
            case 0 where depth < 3:
                let kind = pick(["loop", "alt", "opt", "par", "critical", "break", "rect"])
                lines.append(kind == "rect" ? "rect rgba(200, 220, 255, 0.5)" : "\(kind) \(words())")
                body(depth: depth + 1, length: 1 + Int(random.next() % 3))
                if let section = ["alt": "else", "par": "and", "critical": "option"][kind], chance(70) {
                    lines.append("\(section) \(words())")
                    body(depth: depth + 1, length: 1 + Int(random.next() % 3))
                }
                lines.append("end")
            case 1:
                let placement = pick(["left of", "right of", "over"])
                let target = placement == "over" && chance(50) ? "\(pick(names)),\(pick(names))" : pick(names)
                lines.append("Note \(placement) \(target): \(words())")
                seen += target.split(separator: ",").map(String.init)
            case 2 where !seen.isEmpty:
                let name = pick(seen)
                if (active[name] ?? 0) > 0, chance(60) {
                    lines.append("deactivate \(name)")
                    active[name, default: 0] -= 1
                } else {
                    lines.append("activate \(name)")
                    active[name, default: 0] += 1
                }
            case 3:
                lines.append(pick(["autonumber", "autonumber off", "autonumber 7 3"]))
            default:
                let from = pick(names), to = pick(names)
                let arrow = pick(["->>", "-->>", "->", "-->", "-x", "--x", "-)", "--)"])
                var sign = ""
                if (active[from] ?? 0) > 0, chance(30) {
                    sign = "-"
                    active[from, default: 0] -= 1
                } else if chance(25) {
                    sign = "+"
                    active[to, default: 0] += 1
                }
                lines.append("\(from)\(arrow)\(sign)\(to): \(words())")
                seen += [from, to]
            }
        }
    }
}
