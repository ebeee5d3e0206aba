// `make bench`'s diagram numbers: how many diagrams a second Folio draws, and what one 20-node flowchart costs,
// on one core and on all of them (flowchart layouts take turns: Graphviz is not thread-safe).
// The diagrams are generated from a fixed seed, so every run draws the same ones.

import Dispatch

public enum DiagramBenchmark {
    public struct Result: Sendable {
        public var name: String
        public var diagrams: Int
        public var seconds: Double
        /// Median time of one diagram, in milliseconds.
        public var medianMilliseconds: Double
        public var perSecond: Double { Double(diagrams) / seconds }
    }

    /// Renders `rounds` times as many generated diagrams, all different (flowchart layouts are cached by what
    /// goes into them, so a repeat would time the cache), and the `extra` named sources (the golden files)
    /// `rounds` times over: their later rounds time the cache.
    public static func run(extra: [String: String] = [:], rounds: Int = 5) -> [Result] {
        var random = SplitMix(seed: 42)
        var sets: [(String, [String], Int)] = [
            ("sequence, 8 participants, 40 messages",
             (0..<(60 * rounds)).map { _ in sequence(&random, participants: 8, messages: 40) }, 1),
            ("flowchart, 20 nodes, 26 edges", (0..<(60 * rounds)).map { _ in flowchart(&random, nodes: 20, edges: 26) }, 1),
            ("flowchart, 60 nodes, 80 edges", (0..<(20 * rounds)).map { _ in flowchart(&random, nodes: 60, edges: 80) }, 1),
        ]
        if !extra.isEmpty {
            sets.append(("the golden files (\(extra.count))", extra.sorted { $0.key < $1.key }.map(\.value), rounds))
        }
        var results = sets.map { name, sources, rounds in
            var times: [Double] = []
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                for (index, source) in sources.enumerated() {
                    let one = DispatchTime.now().uptimeNanoseconds
                    let svg = (try? Diagram.render(source, idPrefix: "b\(index)").svg) ?? ""
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - one) / 1e6)
                    precondition(!svg.isEmpty || extra.values.contains(source), "a generated diagram failed to draw")
                }
            }
            return summary(name, times: times, since: start)
        }
        // What serialising Graphviz costs: the same kinds of diagrams (new ones) drawn on every core at once, as a
        // build draws them. Sequence diagrams have no lock; flowcharts take turns for dot's layout.
        let cores = [
            ("sequence, 8 participants, all cores", (0..<(60 * rounds)).map { _ in sequence(&random, participants: 8, messages: 40) }),
            ("flowchart, 20 nodes, all cores",
             (0..<(60 * rounds)).map { _ in flowchart(&random, nodes: 20, edges: 26) }),
        ]
        for (name, sources) in cores {
            let start = DispatchTime.now().uptimeNanoseconds
            let times = sources.enumerated().map { ($0.offset, $0.element) }.parallelMap { index, source -> Double in
                let one = DispatchTime.now().uptimeNanoseconds
                let svg = (try? Diagram.render(source, idPrefix: "c\(index)").svg) ?? ""
                precondition(!svg.isEmpty, "a generated diagram failed to draw")
                return Double(DispatchTime.now().uptimeNanoseconds - one) / 1e6
            }
            results.append(summary(name, times: times, since: start))
        }
        return results
    }

    /// A set's result: its diagrams' times (milliseconds) and the wall time since `start`.
    private static func summary(_ name: String, times: [Double], since start: UInt64) -> Result {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(name: name, diagrams: times.count, seconds: seconds,
                      medianMilliseconds: times.sorted()[times.count / 2])
    }

    /// A sequence diagram with nested blocks, notes, activations and every arrow.
    static func sequence(_ random: inout SplitMix, participants: Int, messages: Int) -> String {
        let names = (0..<participants).map { "P\($0)" }
        var lines = ["sequenceDiagram", "autonumber"]
        for name in names { lines.append("participant \(name) as Service \(name)") }
        let arrows = ["->>", "-->>", "->", "-->", "-x", "--x", "-)", "--)"]
        var open = 0
        for index in 0..<messages {
            let from = names[random.next(below: participants)], to = names[random.next(below: participants)]
            switch random.next(below: 10) {
            case 0 where open < 3: lines.append("loop every \(index) seconds"); open += 1
            case 1 where open < 3: lines.append("alt case \(index)"); open += 1
            case 2 where open > 0: lines.append("end"); open -= 1
            case 3: lines.append("Note over \(from),\(to): note number \(index) about the exchange")
            default: break
            }
            let arrow = arrows[random.next(below: arrows.count)]
            lines.append("\(from)\(arrow)\(to): message \(index) with a payload")
        }
        lines += Array(repeating: "end", count: open)
        return lines.joined(separator: "\n")
    }

    /// A connected flowchart with labels, shapes and a subgraph around a third of the nodes.
    static func flowchart(_ random: inout SplitMix, nodes: Int, edges: Int) -> String {
        let shapes = [("[", "]"), ("(", ")"), ("{", "}"), ("[(", ")]"), ("([", "])"), ("{{", "}}")]
        var lines = ["flowchart TB"]
        lines.append("subgraph cluster [Cluster]")
        for index in 0..<nodes {
            let shape = shapes[random.next(below: shapes.count)]
            lines.append("  N\(index)\(shape.0)Node \(index) label\(shape.1)")
            if index == nodes / 3 { lines.append("end") }
        }
        for index in 1..<nodes { lines.append("N\(random.next(below: index)) --> N\(index)") }
        for index in 0..<max(0, edges - (nodes - 1)) {
            let a = random.next(below: nodes), b = random.next(below: nodes)
            lines.append(index % 3 == 0 ? "N\(a) -->|label \(index)| N\(b)" : "N\(a) -.-> N\(b)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A small seeded generator (SplitMix64): the benchmark's diagrams, and the property tests' random ones, are the
/// same on every machine, so a failing seed can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
