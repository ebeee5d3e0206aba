// The info string of a fenced code block: a language, then attributes such as `snippet="Outbox/Relay.swift#a"`,
// `highlight="2,4-6"`, `output="demo"` and bare flags such as `illustrative`.

struct FenceInfo: Equatable {
    var language: String
    var attributes: [String: String] = [:]
    var flags: Set<String> = []
    /// Byte offset of each attribute or flag within the info string, for diagnostics.
    var offsets: [String: Int] = [:]

    init(_ info: String) {
        let bytes = Array(info.utf8)
        var index = 0
        func skipSpaces() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 } }
        func word() -> String {
            let start = index
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09, bytes[index] != 0x3D { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        skipSpaces()
        let languageStart = index
        while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
        language = String(decoding: bytes[languageStart..<index], as: UTF8.self)
        while true {
            skipSpaces()
            guard index < bytes.count else { break }
            let start = index
            let key = word()
            if key.isEmpty { index += 1; continue }
            offsets[key] = start
            guard index < bytes.count, bytes[index] == 0x3D else {  // '='
                flags.insert(key)
                continue
            }
            index += 1
            var value = ""
            if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {  // quoted
                let quote = bytes[index]
                index += 1
                let valueStart = index
                while index < bytes.count, bytes[index] != quote { index += 1 }
                value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                if index < bytes.count { index += 1 }
            } else {
                let valueStart = index
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
            }
            attributes[key] = value
        }
    }

    /// The lines a `highlight="2,4-6"` attribute names, checked against the `lineCount` lines the block shows.
    /// Ranges are checked before anything is expanded, so `1-999999999999` costs nothing; the set built at the
    /// end never holds a line the block does not have. One message for include fences and plain code fences.
    static func highlightedLines(_ text: String, lineCount: Int) -> Result<Set<Int>, HighlightProblem> {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingWhitespace()) }
            let range: ClosedRange<Int>
            switch bounds.count {
            case 1:
                guard let value = bounds[0], value > 0 else { return .failure(.notALineList(text)) }
                range = value...value
            case 2:
                guard let low = bounds[0], let high = bounds[1], low > 0, low <= high else {
                    return .failure(.notALineList(text))
                }
                range = low...high
            default:
                return .failure(.notALineList(text))
            }
            guard range.upperBound <= lineCount else {
                return .failure(.outside(line: range.lowerBound > lineCount ? range.lowerBound : range.upperBound,
                                         lineCount: lineCount))
            }
            ranges.append(range)
        }
        guard !ranges.isEmpty else { return .failure(.notALineList(text)) }
        var lines = Set<Int>()
        for range in ranges { lines.formUnion(range) }
        return .success(lines)
    }

    enum HighlightProblem: Error, Equatable {
        case notALineList(String)
        case outside(line: Int, lineCount: Int)

        var message: String {
            switch self {
            case .notALineList(let text):
                "highlight=\"\(text)\" is not a list of lines such as \"2,4-6\""
            case .outside(let line, let lineCount):
                "highlight line \(line) is outside the \(lineCount) \(lineCount == 1 ? "line" : "lines") this block shows"
            }
        }
    }

    /// Column of attribute `key` on the fence's opening line, for diagnostics that point at the attribute.
    func column(of key: String, in block: MarkdownNode, tree: MarkdownTree) -> Int {
        let lineText = tree.sourceText(line: block.startLine)
        let bytes = Array(lineText.utf8)
        // The fence opener starts at cmark's column; the info string follows the backticks or tildes and spaces.
        var index = max(block.startColumn - 1, 0)
        while index < bytes.count, bytes[index] == 0x60 || bytes[index] == 0x7E { index += 1 }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard let offset = offsets[key], index < bytes.count else { return block.startColumn }
        return index + offset + 1
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
