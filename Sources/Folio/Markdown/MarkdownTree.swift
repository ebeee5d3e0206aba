// The one place Folio touches libcmark: a parsed document that owns its C tree, and a node handle.
// Nothing outside `Markdown/` sees an OpaquePointer.
import CMark
import Foundation

/// A parsed CommonMark document. Owns the cmark tree and frees it when released.
/// Not Sendable: a tree is parsed, transformed and rendered on one thread.
final class MarkdownTree {
    private(set) var root: MarkdownNode
    /// The body text as UTF-8, for transforms that need the source (cmark columns count bytes).
    private let bytes: [UInt8]
    /// Offset of the first byte of each line, found on first use: most documents never ask for a line, and
    /// splitting every body into an array of slices up front was a fifth of the time cmark took to parse it.
    private lazy var lineStarts: [Int] = Self.lineStarts(of: bytes)

    static let parseOptions = CMARK_OPT_UNSAFE
    /// cmark's own smart punctuation, for the rare text `SmartPunctuation` cannot match to its source.
    static let smartParseOptions = CMARK_OPT_SMART | CMARK_OPT_UNSAFE
    static let renderOptions = CMARK_OPT_UNSAFE

    /// Whether cmark made the smart punctuation (some text did not match its source), not `SmartPunctuation`.
    private(set) var punctuatedByCMark = false
    /// The nesting smart punctuation's walk measured, against its limit; nil when that walk did not finish.
    private var measuredNesting: NestingCounter?

    /// `punctuationByCMark`: leave smart punctuation to cmark outright (what the equality tests compare with).
    convenience init(parsing text: String, punctuationByCMark: Bool = false) {
        self.init(parsing: Array(text.utf8), punctuationByCMark: punctuationByCMark)
    }

    /// `bytes`: UTF-8 (libcmark replaces what is not with U+FFFD, as a String would).
    /// `nestingLimit`: the depth `nesting(limit:)` will be asked about, measured during smart punctuation's walk.
    init(parsing bytes: [UInt8], punctuationByCMark: Bool = false, nestingLimit: Int = MarkdownRenderer.nestingLimit) {
        self.bytes = bytes
        root = MarkdownNode(Self.parse(bytes, options: punctuationByCMark ? Self.smartParseOptions : Self.parseOptions))
        punctuatedByCMark = punctuationByCMark
        guard !punctuationByCMark else { return }
        var smart = SmartPunctuation(sourceLine: { [unowned self] in self.sourceLine($0) }, nestingLimit: nestingLimit)
        if smart.apply(to: root) {
            measuredNesting = smart.nesting
        } else {
            cmark_node_free(root.pointer)
            root = MarkdownNode(Self.parse(bytes, options: Self.smartParseOptions))
            punctuatedByCMark = true
        }
    }

    /// The deepest nesting of the document's nodes and the first node deeper than `limit`: as smart punctuation
    /// measured it when it walked the tree for that limit, else from a walk of its own. Only true of the tree as
    /// parsed (the transforms change it).
    func nesting(limit: Int) -> (depth: Int, firstTooDeep: MarkdownNode?) {
        if let measuredNesting, measuredNesting.limit == limit {
            return (measuredNesting.deepest, measuredNesting.firstTooDeep)
        }
        return root.nesting(limit: limit)
    }

    static func parse(_ bytes: [UInt8], options: Int32) -> OpaquePointer {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options)! }
        }
    }

    /// How many lines the body has (a final line feed ends a last, empty line).
    var lineCount: Int { lineStarts.count }

    /// The bytes of line `line` (1-based), without its line feed; empty outside the body.
    func sourceLine(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return bytes[lineStarts[line - 1]..<end]
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        return starts
    }

    deinit { cmark_node_free(root.pointer) }

    /// Joins adjacent text nodes. libcmark starts a new text node at every character that might open markup
    /// (`[`, `_`, `.` for smart punctuation...); transforms that read text (`[^1]`, `~~`, `www.`) want it whole.
    func consolidateTextNodes() { cmark_consolidate_text_nodes(root.pointer) }

    func renderHTML() -> String { String(decoding: renderHTMLBytes(), as: UTF8.self) }

    /// The HTML as libcmark wrote it, copied out of its buffer without being checked as UTF-8 again (libcmark
    /// wrote it from valid UTF-8: its input, repaired, and the transforms' strings).
    func renderHTMLBytes() -> [UInt8] {
        guard let cString = cmark_render_html(root.pointer, MarkdownTree.renderOptions) else { return [] }
        defer { free(cString) }
        return Array(UnsafeRawBufferPointer(start: cString, count: strlen(cString)))
    }

    /// Source text of line `line` (1-based) from byte column `column` (1-based), without the newline.
    func sourceText(line: Int, fromColumn column: Int = 1) -> String {
        var slice = sourceLine(line)
        if slice.last == 0x0D { slice = slice.dropLast() }
        let start = min(slice.startIndex + max(column - 1, 0), slice.endIndex)
        return String(decoding: slice[start...], as: UTF8.self)
    }
}

/// A handle on a node of a `MarkdownTree`. Valid while the tree lives.
struct MarkdownNode: Hashable {
    enum Kind {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading
        case thematicBreak, text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link, image, unknown
    }

    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .unknown
        }
    }

    // MARK: Navigation

    var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    var lastChild: MarkdownNode? { cmark_node_last_child(pointer).map(MarkdownNode.init) }
    var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    var previous: MarkdownNode? { cmark_node_previous(pointer).map(MarkdownNode.init) }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.next
        }
        return result
    }

    /// Every node below this one, depth first, collected before the caller starts changing the tree.
    /// Iterative (it climbs back up through parents): a post may nest lists or quotes 100,000 deep.
    var descendants: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var node = firstChild
        while let current = node {
            result.append(current)
            node = current.nextInPreorder(within: self)
        }
        return result
    }

    /// The node after this one in a depth-first walk of `root`'s subtree; nil at the end of it.
    func nextInPreorder(within root: MarkdownNode) -> MarkdownNode? {
        if let child = firstChild { return child }
        var climb: MarkdownNode? = self
        while let current = climb, current != root {
            if let sibling = current.next { return sibling }
            climb = current.parent
        }
        return nil
    }

    /// The deepest nesting of nodes below this one, and the first node found at more than `limit` levels.
    func nesting(limit: Int) -> (depth: Int, firstTooDeep: MarkdownNode?) {
        guard let iterator = cmark_iter_new(pointer) else { return (0, nil) }
        defer { cmark_iter_free(iterator) }
        var counter = NestingCounter(limit: limit)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            counter.see(MarkdownNode(node), entering: event == CMARK_EVENT_ENTER)
        }
        return (counter.deepest, counter.firstTooDeep)
    }

    /// This node and every node below it, in document order, entered and then left; leaves are only entered.
    /// Iterative, as `descendants`.
    func walk(_ visit: (_ node: MarkdownNode, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(node), event == CMARK_EVENT_ENTER)
        }
    }

    func hasAncestor(of kind: Kind) -> Bool {
        var node = parent
        while let current = node {
            if current.kind == kind { return true }
            node = current.parent
        }
        return false
    }

    // MARK: Properties

    var literal: String {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// Sets the literal to UTF-8 `bytes` without making a String of them (libcmark copies them).
    func setLiteral(_ bytes: [UInt8]) {
        var terminated = bytes
        terminated.append(0)
        terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(pointer, $0.baseAddress) }
        }
    }

    var url: String {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    /// Words in this node's literal text, counted on cmark's own bytes without copying them into a String.
    var literalWordCount: Int {
        guard let literal = cmark_node_get_literal(pointer) else { return 0 }
        let count = strlen(literal)
        return Self.wordCount(UnsafeRawBufferPointer(start: literal, count: count))
    }

    /// Words in UTF-8 text: a word starts at each byte that is not a blank (space, line feed, tab, carriage
    /// return) and follows one, or the start. Eight bytes at a time: a flag in the top bit of each byte says
    /// whether it is blank, and the starts are counted with one population count per eight bytes.
    static func wordCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        let equal = ByteWord.equal, high = ByteWord.high
        var words = 0
        // The blank flag of the byte before the current eight, in the top bit of a byte (the start counts as one).
        var previous: UInt64 = 0x80
        var index = 0
        while index + 8 <= bytes.count {
            let word = ByteWord.load(bytes, at: index)
            let blank = equal(word, 0x20) | equal(word, 0x0A) | equal(word, 0x09) | equal(word, 0x0D)
            let starts = ~blank & high & ((blank << 8) | previous)
            words += starts.nonzeroBitCount
            previous = (blank >> 56) & 0x80
            index += 8
        }
        var previousBlank = previous != 0
        while index < bytes.count {
            let byte = bytes[index]
            let isBlank = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isBlank && previousBlank { words += 1 }
            previousBlank = isBlank
            index += 1
        }
        return words
    }

    /// Whether this node's literal holds `byte`, looked for in cmark's own bytes without making a String.
    func literalContains(_ byte: UInt8) -> Bool {
        guard var current = cmark_node_get_literal(pointer) else { return false }
        let wanted = CChar(bitPattern: byte)
        while current.pointee != 0 {
            if current.pointee == wanted { return true }
            current += 1
        }
        return false
    }

    /// Whether this node's literal holds `needle` (ASCII), looked for in cmark's own bytes.
    func literalContains(_ needle: StaticString) -> Bool {
        guard let literal = cmark_node_get_literal(pointer) else { return false }
        return strstr(literal, UnsafeRawPointer(needle.utf8Start).assumingMemoryBound(to: CChar.self)) != nil
    }

    /// Whether the literal starts, or ends, with a byte that is not a blank (a word runs on across the edge).
    var literalStartsInWord: Bool {
        guard let first = cmark_node_get_literal(pointer)?.pointee, first != 0 else { return false }
        return !Self.isBlank(UInt8(bitPattern: first))
    }

    var literalEndsInWord: Bool {
        guard let literal = cmark_node_get_literal(pointer) else { return false }
        let length = strlen(literal)
        return length > 0 && !Self.isBlank(UInt8(bitPattern: literal[length - 1]))
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// The literal's bytes in cmark's own memory, valid during `body` (plain text of 10,000 posts, no copies).
    func withLiteralBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let literal = cmark_node_get_literal(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal) + 1) {
            body(UnsafeBufferPointer(start: $0, count: strlen(literal)))
        }
    }

    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    /// A source position recorded by a transform for nodes it re-parsed from a fragment (table cells),
    /// whose own cmark positions are relative to that fragment. Stored in cmark's user-data word.
    var recordedPosition: (line: Int, column: Int)? {
        get {
            guard let raw = cmark_node_get_user_data(pointer) else { return nil }
            let bits = UInt(bitPattern: raw)
            return (Int(bits >> 24), Int(bits & 0xFF_FFFF))
        }
        nonmutating set {
            guard let position = newValue else {
                cmark_node_set_user_data(pointer, nil)
                return
            }
            let bits = (UInt(position.line) << 24) | UInt(position.column & 0xFF_FFFF)
            cmark_node_set_user_data(pointer, UnsafeMutableRawPointer(bitPattern: bits))
        }
    }

    /// Position in the body: the recorded one when a transform set it, cmark's otherwise.
    var position: (line: Int, column: Int) {
        recordedPosition ?? (startLine, startColumn)
    }

    /// The text a reader sees, without markup (for heading ids, alt text, summaries). Iterative, as `descendants`.
    var plainText: String {
        var out = ""
        var node = firstChild
        if kind == .text || kind == .code { return literal }
        while let current = node {
            switch current.kind {
            case .text, .code: out += current.literal
            case .softBreak, .lineBreak: out += " "
            default: break
            }
            node = current.nextInPreorder(within: self)
        }
        return out
    }

    // MARK: Building and editing

    static func customBlock(enter: String, exit: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    static func customInline(enter: String, exit: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    static func paragraph() -> MarkdownNode { MarkdownNode(cmark_node_new(CMARK_NODE_PARAGRAPH)!) }

    static func text(_ literal: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_TEXT)!)
        node.literal = literal
        return node
    }

    static func link(url: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_LINK)!)
        node.url = url
        return node
    }

    func append(_ child: MarkdownNode) { cmark_node_append_child(pointer, child.pointer) }
    func insertBefore(_ sibling: MarkdownNode) { cmark_node_insert_before(pointer, sibling.pointer) }

    /// Unlinks and frees this node and everything below it.
    func remove() { cmark_node_free(pointer) }

    /// Moves every child of `other` to the end of this node.
    func adoptChildren(of other: MarkdownNode) {
        while let child = other.firstChild { append(child) }
    }

    /// Puts `replacement` where this node is and frees this node.
    func replace(with replacement: MarkdownNode) {
        insertBefore(replacement)
        remove()
    }
}

/// Inline content parsed from a standalone fragment (a table cell). Owns the scratch document.
final class InlineFragment {
    private var document: OpaquePointer

    init(parsing text: String) {
        let bytes = Array(text.utf8)
        document = MarkdownTree.parse(bytes, options: MarkdownTree.parseOptions)
        // A cell is one line: the fragment is its own source.
        var smart = SmartPunctuation(sourceLine: { $0 == 1 ? bytes[...] : [] })
        if !smart.apply(to: MarkdownNode(document)) {
            cmark_node_free(document)
            document = MarkdownTree.parse(bytes, options: MarkdownTree.smartParseOptions)
        }
    }

    deinit { cmark_node_free(document) }

    /// The inline nodes of the fragment's first paragraph (empty for an empty cell).
    var inlines: [MarkdownNode] {
        guard let first = cmark_node_first_child(document).map(MarkdownNode.init), first.kind == .paragraph else {
            return []
        }
        return first.children
    }
}

/// How deep the nodes of a walk nest, fed each event of a walk of libcmark's iterator: `nesting(limit:)` walks for
/// it alone, and smart punctuation's walk, which visits every node anyway, counts on the side.
struct NestingCounter {
    let limit: Int
    private var depth = 0
    private(set) var deepest = 0
    private(set) var firstTooDeep: MarkdownNode?

    init(limit: Int) { self.limit = limit }

    mutating func see(_ node: MarkdownNode, entering: Bool) {
        if entering {
            // cmark sends leaves (by type, not by having no children) an enter event and no exit.
            switch node.kind {
            case .htmlBlock, .thematicBreak, .codeBlock, .text, .softBreak, .lineBreak, .code, .htmlInline: return
            default: break
            }
            depth += 1
            if depth > deepest { deepest = depth }
            if depth > limit && firstTooDeep == nil { firstTooDeep = node }
        } else {
            depth -= 1
        }
    }
}
