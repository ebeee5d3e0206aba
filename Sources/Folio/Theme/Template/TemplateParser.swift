// Reads Mustache text into a node tree, on UTF-8 bytes. Its rules for whitespace (which tags stand alone on
// their line and take the line with them, how a partial's indentation is found) follow swift-mustache 2's
// parser step by step, so a theme written against it renders byte for byte the same.

struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        /// Inside `{{<parent}}…{{/parent}}`; at its top level only blocks (`{{$name}}`) may stand.
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var start: [UInt8] = Array("{{".utf8)
        var end: [UInt8] = Array("}}".utf8)
        /// The indentation of a block definition's first line, taken off every line of it.
        var partialDefinitionIndent: Int?

        func entering(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private struct Problem: Error {
        var message: String
        static let unfinishedTag = Problem(message: "a tag is not closed")
    }

    mutating func parseTemplate() throws(TemplateParseError) -> [TemplateNode] {
        do {
            return try parse(State())
        } catch {
            let (line, column) = location(of: position)
            throw TemplateParseError(line: line, column: column, message: error.message)
        }
    }

    private mutating func parse(_ initial: State) throws(Problem) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: ArraySlice<UInt8> = []
        while position < bytes.count {
            if state.newLine {
                let whiteSpace = readSpacesAndTabs()
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent)
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readUntilTagOrNewline(state)
            if let newline = newlineLength(at: position) {
                nodes.append(.text(Array(whiteSpaceBefore) + text + bytes[position..<(position + newline)]))
                state.newLine = true
                position += newline
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whiteSpaceBefore) + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            guard position < bytes.count else { break }
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore))) }
                whiteSpaceBefore = []
            }
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let (name, transforms) = try parseName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(state.entering(name, newLine: setNewLine, transforms: transforms))
                let tagName = TemplateName(name, transforms: transforms)
                nodes.append(inverted ? .invertedSection(tagName, inner) : .section(tagName, inner))
            case UInt8(ascii: "/"):
                position += 1
                let namePosition = position
                let (name, transforms) = try parseName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    position = namePosition
                    throw Problem(message: "a section is closed with a different name than it was opened with")
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes
            case UInt8(ascii: "!"):
                position += 1
                guard let close = find(state.end, from: position) else {
                    throw Problem(message: "a comment is not closed")
                }
                position = close + state.end.count
                setNewLine = isStandalone(state)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                flushWhiteSpace()
                position += 1
                let (name, transforms) = try parseName(state)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else { throw .unfinishedTag }
                    position += 1
                }
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                let dynamic = position < bytes.count && bytes[position] == UInt8(ascii: "*")
                if dynamic { position += 1 }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore))) }
                let indentation: [UInt8]? = isStandalone(state) ? Array(whiteSpaceBefore) : nil
                setNewLine = indentation != nil
                nodes.append(dynamic
                    ? .dynamicPartial(TemplateName(name, transforms: []), indentation: indentation, overrides: nil)
                    : .partial(name, indentation: indentation, overrides: nil))
                whiteSpaceBefore = []
            case UInt8(ascii: "<"):
                position += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore))) }
                setNewLine = isStandalone(state)
                var overrides: [String: [TemplateNode]] = [:]
                for node in try parse(state.enteringParent(sectionName)) {
                    switch node {
                    case .blockDefinition(let name, let body): overrides[name] = body
                    case .text: break
                    default:
                        throw Problem(message: "a parent partial ({{<name}}) may hold only blocks ({{$name}}…{{/name}})")
                    }
                }
                let indentation = Array(whiteSpaceBefore)
                if sectionName.first == "*" {
                    let name = TemplateName(String(sectionName.dropFirst()), transforms: [])
                    nodes.append(.dynamicPartial(name, indentation: indentation, overrides: overrides))
                } else {
                    nodes.append(.partial(sectionName, indentation: indentation, overrides: overrides))
                }
                whiteSpaceBefore = []
            case UInt8(ascii: "$"):
                position += 1
                let (name, transforms) = try parseName(state)
                guard transforms.isEmpty else { throw Problem(message: "a block ({{$name}}) cannot take a transform") }
                if state.isPartialDefinitionTopLevel {
                    setNewLine = isStandalone(state)
                    nodes.append(.blockDefinition(name, try parse(state.entering(name, newLine: setNewLine))))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore))) }
                    setNewLine = isStandalone(state)
                    let body = try parse(state.entering(name, newLine: setNewLine))
                    nodes.append(.block(name, default: body, indentation: Array(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
            case UInt8(ascii: "="):
                position += 1
                state = try parseDelimiters(state)
                setNewLine = isStandalone(state)
            case UInt8(ascii: "%"):
                position += 1
                if let node = try parseConfiguration(state) { nodes.append(node) }
                setNewLine = isStandalone(state)
            default:
                flushWhiteSpace()
                let (name, transforms) = try parseName(state)
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Problem(message: "a section is never closed") }
        return nodes
    }

    // MARK: Reading

    /// Text up to a newline (left unread) or a tag's start delimiter (read), or to the end.
    private mutating func readUntilTagOrNewline(_ state: State) -> ArraySlice<UInt8> {
        let start = position
        let first = state.start[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A) { break }
            if byte == first, matches(state.start, at: position) {
                let text = bytes[start..<position]
                position += state.start.count
                return text
            }
            position += 1
        }
        return bytes[start..<position]
    }

    /// A tag's name and the transforms around it: `empty(post.tags)` is `post.tags` with `[empty]`.
    private mutating func parseName(_ state: State) throws(Problem) -> (String, [String]) {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], brackets: true) { position += 1 }
        let text = Array(bytes[start..<position])
        skipWhitespace()
        guard matches(state.end, at: position) else { throw .unfinishedTag }
        position += state.end.count
        guard let open = text.firstIndex(where: { !Self.isNameByte($0, brackets: false) }) else {
            return (String(decoding: text, as: UTF8.self), [])
        }
        guard text[open] == UInt8(ascii: "(") else { throw .unfinishedTag }
        var transforms = [String(decoding: text[..<open], as: UTF8.self)]
        var index = open + 1
        while true {
            let nameStart = index
            while index < text.count, Self.isNameByte(text[index], brackets: false) { index += 1 }
            let name = String(decoding: text[nameStart..<index], as: UTF8.self)
            guard index < text.count else { throw .unfinishedTag }
            if text[index] == UInt8(ascii: "(") {
                transforms.append(name)
                index += 1
                continue
            }
            guard text[index] == UInt8(ascii: ")") else { throw .unfinishedTag }
            let closers = text[index...].prefix { $0 == UInt8(ascii: ")") }.count
            guard closers == transforms.count, index + closers == text.count else { throw .unfinishedTag }
            return (name, transforms)
        }
    }

    private mutating func parsePartialName(_ state: State) throws(Problem) -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], brackets: true) || bytes[position] == UInt8(ascii: "/") {
            position += 1
        }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.end, at: position) else { throw .unfinishedTag }
        position += state.end.count
        return name
    }

    /// `{{=<% %>=}}`: the new delimiters take effect after the tag, which closes with the old ones.
    private mutating func parseDelimiters(_ state: State) throws(Problem) -> State {
        let invalid = Problem(message: "a set-delimiter tag ({{=<% %>=}}) is malformed")
        skipWhitespace()
        let start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]) { position += 1 }
        guard position < bytes.count else { throw invalid }
        let open = Array(bytes[start..<position])
        skipWhitespace()
        let endStart = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "=") {
            position += 1
        }
        guard position < bytes.count else { throw invalid }
        let close = Array(bytes[endStart..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw invalid }
        position += 1
        guard matches(state.end, at: position) else { throw invalid }
        position += state.end.count
        guard !open.isEmpty, !close.isEmpty else { throw invalid }
        var changed = state
        changed.start = open
        changed.end = close
        changed.isPartialDefinitionTopLevel = false
        return changed
    }

    /// `{{%CONTENT_TYPE:TEXT}}` (or `HTML`), swift-mustache's one setting.
    private mutating func parseConfiguration(_ state: State) throws(Problem) -> TemplateNode? {
        let malformed = Problem(message: "a configuration tag ({{%NAME:value}}) is malformed")
        func word() -> String {
            let start = position
            while position < bytes.count, Self.isNameByte(bytes[position], brackets: false) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        skipWhitespace()
        let name = word()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw malformed }
        position += 1
        skipWhitespace()
        let value = word()
        skipWhitespace()
        guard matches(state.end, at: position) else { throw malformed }
        position += state.end.count
        guard !name.isEmpty, !value.isEmpty else { throw malformed }
        switch (name, value) {
        case ("CONTENT_TYPE", "HTML"): return .contentType(escapes: true)
        case ("CONTENT_TYPE", "TEXT"): return .contentType(escapes: false)
        default: throw Problem(message: "a configuration tag names an unknown setting or content type")
        }
    }

    /// A tag is standalone when its line began with it (only spaces and tabs before) and ends after it; the
    /// rest of the line, its newline included, is then read.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var index = position
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard let newline = newlineLength(at: index) else { return false }
        position = index + newline
        return true
    }

    // MARK: Bytes

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return bytes[start..<position]
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if matches(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The length in bytes of the line break at `index` (Swift's `Character.isNewline`), nil when there is none.
    private func newlineLength(at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: return 2
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0xA8:
            return 3
        default: return nil
        }
    }

    /// 1-based line and column of `index`, as swift-mustache reports them: lines counted by their breaks,
    /// columns in characters from the last `\n`.
    private func location(of index: Int) -> (line: Int, column: Int) {
        let end = min(index, bytes.count)
        var line = 1, lineStart = 0, scan = 0
        while scan < end {
            if let newline = newlineLength(at: scan) {
                line += 1
                scan += newline
                if bytes[scan - 1] == 0x0A { lineStart = scan }
            } else {
                scan += 1
            }
        }
        let column = bytes[lineStart..<end].count { $0 & 0xC0 != 0x80 } + 1
        return (line, column)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Letters, digits and `.-_?*`, and with `brackets` the parentheses of transforms.
    private static func isNameByte(_ byte: UInt8, brackets: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        case UInt8(ascii: "("), UInt8(ascii: ")"): brackets
        default: false
        }
    }
}
