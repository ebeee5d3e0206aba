// Bounds on what YAML may cost before Yams sees it: Yams builds its nodes recursively, so nesting depth is
// stack depth, and aliases let a few lines stand for millions of values. Front matter and site.yml need neither.
import Yams

enum YAMLLimits {
    /// Deeper than any real configuration; shallow enough for Yams' recursion on a worker thread's stack.
    static let maximumDepth = 64
    /// Values after aliases are expanded. site.yml and front matter hold hundreds at most.
    static let maximumValues = 100_000

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// A conservative estimate of the nesting of `text`, read line by line without parsing it: block nesting
    /// from the stack of indentations and the `- ` indicators on a line, flow nesting from `[` and `{` outside
    /// quotes and comments. Block scalar contents (`|` and `>`) are skipped. Never lower than the real depth.
    static func nestingProblem(in text: String) -> Problem? {
        var indents: [Int] = []
        var flowDepth = 0
        var blockScalarIndent: Int?  // lines indented more than this belong to a `|` or `>` scalar
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(rawLine)
            var index = 0
            while index < line.count, line[index] == 0x20 { index += 1 }
            let indent = index
            let isBlank = index == line.count || line[index] == 0x23 || line[index] == 0x0D  // empty or comment
            if let scalarIndent = blockScalarIndent {
                if isBlank || indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            if isBlank { continue }
            if flowDepth == 0 {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            var depth = indents.count
            // `- - - x` nests a sequence per dash on one line.
            while index + 1 < line.count, line[index] == 0x2D || line[index] == 0x3F,
                  line[index + 1] == 0x20 {
                depth += 1
                index += 2
                while index < line.count, line[index] == 0x20 { index += 1 }
            }
            var quote: UInt8?
            while index < line.count {
                let byte = line[index]
                if let open = quote {
                    if byte == 0x5C, open == 0x22 { index += 2; continue }  // \" inside double quotes
                    if byte == open { quote = nil }
                } else {
                    switch byte {
                    case 0x22, 0x27: quote = byte
                    case 0x23 where index == 0 || line[index - 1] == 0x20: index = line.count; continue
                    case 0x5B, 0x7B:
                        flowDepth += 1
                        if depth + flowDepth > maximumDepth {
                            return Problem(line: lineNumber, column: index + 1, message: tooDeep)
                        }
                    case 0x5D, 0x7D: flowDepth = max(0, flowDepth - 1)
                    default: break
                    }
                }
                index += 1
            }
            if depth + flowDepth > maximumDepth {
                return Problem(line: lineNumber, column: indent + 1, message: tooDeep)
            }
            if quote == nil, flowDepth == 0, Self.opensBlockScalar(line) {
                blockScalarIndent = indent
            }
        }
        return nil
    }

    private static var tooDeep: String {
        "YAML nested more than \(maximumDepth) levels deep; Folio reads at most \(maximumDepth)"
    }

    /// A line ending in `|` or `>`, possibly with chomping and indentation indicators (`|-`, `>+2`).
    private static func opensBlockScalar(_ line: [UInt8]) -> Bool {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x0D { end -= 1 }
        var index = end
        while index > 0, line[index - 1] == 0x2B || line[index - 1] == 0x2D || (0x31...0x39).contains(line[index - 1]) {
            index -= 1
        }
        guard index > 0, line[index - 1] == 0x7C || line[index - 1] == 0x3E else { return false }
        return index == 1 || line[index - 2] == 0x20
    }

    /// True when the composed tree holds more than `maximumValues` values with aliases expanded, counted
    /// without recursion and stopping as soon as the budget is spent.
    static func exceedsValueBudget(_ root: Node) -> Bool {
        var pending: [Node] = [root]
        var seen = 0
        while let node = pending.popLast() {
            seen += 1
            if seen > maximumValues { return true }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            default: break
            }
        }
        return false
    }
}
