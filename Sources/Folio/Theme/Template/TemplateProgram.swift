// A theme's templates flattened into one array of instructions for the renderer. The tree the parser builds
// (`TemplateNode`) holds arrays, strings and classes: walking it retained and released its payloads at every
// tag, on memory both cores read. An instruction here holds only numbers (a section's body is the instructions
// up to its end, text is a range of one byte buffer, a name is an index), so rendering a page retains nothing
// of the template.

/// A field name as templates look it up, hashed once when the template compiles: a lookup probes a type's field
/// table with the hash and compares the text only on a hit (`TemplateFields`).
struct FieldKey: Sendable, Hashable {
    let text: String
    let hash: UInt64

    init(_ text: String) {
        var text = text
        // A hash with no per-process seed, so a key made at compile time matches a table made at any time.
        hash = text.withUTF8 { StableDigest.fnv1a(UnsafeRawBufferPointer($0)) }
        self.text = text
    }

    static func == (lhs: FieldKey, rhs: FieldKey) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// Mustache transforms by name (`{{uppercased(title)}}`); `unknown` for a name Folio does not have, which makes
/// the value absent.
enum TemplateTransform: String, Sendable {
    case first, last, index, even, odd, empty, capitalized, lowercased, uppercased, reversed, equalzero, plusone,
         minusone, count, sorted, unknown

    init(named name: String) { self = TemplateTransform(rawValue: name) ?? .unknown }
}

struct TemplateProgram: Sendable {
    /// One step of a template. Every payload is a number; a body runs from the instruction after its opener up to
    /// `end`, the index of the opener's next sibling.
    enum Op: Sendable {
        case text(start: Int32, end: Int32)
        case variable(name: Int32, escaped: Bool)
        case section(name: Int32, end: Int32)
        case invertedSection(name: Int32, end: Int32)
        /// A `{{$block}}` with its default body; `indentation` indexes `indentations`.
        case block(block: Int32, end: Int32, indentation: Int32)
        /// `template` is -1 for a partial the theme does not have (it renders nothing); `indentation` -1 for a
        /// partial that is not standalone; `overrides` -1 for a plain `{{>partial}}`.
        case partial(template: Int32, indentation: Int32, overrides: Int32)
        case dynamicPartial(name: Int32, indentation: Int32, overrides: Int32)
        case contentType(escapes: Bool)
        /// Goes on at `to`: steps over the override bodies a partial tag lays out before it.
        case jump(to: Int32)
    }

    /// A tag's name: where to look it up, its dotted parts (a run of `partKeys`) and its transforms (a run of
    /// `transforms`, outermost first as written).
    struct Name: Sendable {
        var scope: TemplateName.Scope
        var parts: Range<Int32>
        var transforms: Range<Int32>
    }

    /// A block a parent partial fills in (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`): its body's instructions.
    struct Override: Sendable {
        var block: Int32
        var start: Int32
        var end: Int32
    }

    private(set) var ops: [Op] = []
    private(set) var bytes: [UInt8] = []
    private(set) var names: [Name] = []
    /// Every distinct field name, once: the renderer caches the page's own fields by place here.
    private(set) var keys: [FieldKey] = []
    /// The places in `keys` of every name's parts, in runs (`Name.parts`).
    private(set) var partKeys: [Int32] = []
    private(set) var transforms: [TemplateTransform] = []
    /// Ranges of `bytes`: the indentation of standalone partials and blocks.
    private(set) var indentations: [Range<Int32>] = []
    /// Ranges of `overrides`, one per partial tag that overrides blocks.
    private(set) var overrideSets: [Range<Int32>] = []
    private(set) var overrides: [Override] = []
    /// Each template's instructions, by its number in `templateIDs`.
    private(set) var bodies: [Range<Int32>] = []
    private(set) var templateIDs: [String: Int32] = [:]

    private var keyIDs: [String: Int32] = [:]
    private var blockIDs: [String: Int32] = [:]

    init(_ library: [String: Template]) {
        // Numbered first, in name order, so a partial refers to a template by number wherever it is.
        let templates = library.sorted { $0.key < $1.key }
        for (offset, template) in templates.enumerated() { templateIDs[template.key] = Int32(offset) }
        for (_, template) in templates {
            let start = Int32(ops.count)
            emit(template.nodes)
            bodies.append(start..<Int32(ops.count))
        }
    }

    func body(of template: String) -> Range<Int32>? { templateIDs[template].map { bodies[Int($0)] } }

    // MARK: Compiling

    private mutating func emit(_ nodes: [TemplateNode]) {
        for node in nodes { emit(node) }
    }

    private mutating func emit(_ node: TemplateNode) {
        switch node {
        case .text(let text):
            let start = Int32(bytes.count)
            bytes += text
            ops.append(.text(start: start, end: Int32(bytes.count)))
        case .variable(let name, let escaped):
            ops.append(.variable(name: intern(name), escaped: escaped))
        case .section(let name, let body):
            let name = intern(name)
            emitBody(body) { .section(name: name, end: $0) }
        case .invertedSection(let name, let body):
            let name = intern(name)
            emitBody(body) { .invertedSection(name: name, end: $0) }
        case .block(let name, let body, let indentation):
            let block = blockID(name), indentation = intern(indentation: indentation)
            emitBody(body) { .block(block: block, end: $0, indentation: indentation) }
        case .partial(let name, let indentation, let overrides):
            let template = templateIDs[name] ?? -1
            let indentation = indentation.map { intern(indentation: $0) } ?? -1
            // The override bodies are laid out first, then the tag jumps over them.
            let set = overrides.map { emitOverrides($0) } ?? -1
            ops.append(.partial(template: template, indentation: indentation, overrides: set))
        case .dynamicPartial(let name, let indentation, let overrides):
            let name = intern(name)
            let indentation = indentation.map { intern(indentation: $0) } ?? -1
            let set = overrides.map { emitOverrides($0) } ?? -1
            ops.append(.dynamicPartial(name: name, indentation: indentation, overrides: set))
        case .blockDefinition:
            break  // collected into its parent partial's tag when the template compiled
        case .contentType(let escapes):
            ops.append(.contentType(escapes: escapes))
        }
    }

    /// Appends an opener made by `opener` (given its end) and its body after it.
    private mutating func emitBody(_ body: [TemplateNode], opener: (Int32) -> Op) {
        let at = ops.count
        ops.append(.contentType(escapes: true))  // a placeholder until the end is known
        emit(body)
        ops[at] = opener(Int32(ops.count))
    }

    /// Lays out the bodies of a partial tag's overrides behind a jump over them; returns the set's index.
    private mutating func emitOverrides(_ bodies: [String: [TemplateNode]]) -> Int32 {
        let jump = ops.count
        ops.append(.jump(to: 0))  // the target is known once the bodies are laid out
        let first = Int32(overrides.count)
        for (name, body) in bodies.sorted(by: { $0.key < $1.key }) {
            let start = Int32(ops.count)
            emit(body)
            overrides.append(Override(block: blockID(name), start: start, end: Int32(ops.count)))
        }
        ops[jump] = .jump(to: Int32(ops.count))
        overrideSets.append(first..<Int32(overrides.count))
        return Int32(overrideSets.count - 1)
    }

    private mutating func intern(_ name: TemplateName) -> Int32 {
        let partStart = Int32(partKeys.count)
        for part in name.parts {
            if let known = keyIDs[part] {
                partKeys.append(known)
            } else {
                keyIDs[part] = Int32(keys.count)
                partKeys.append(Int32(keys.count))
                keys.append(FieldKey(part))
            }
        }
        let transformStart = Int32(transforms.count)
        transforms += name.transforms.map(TemplateTransform.init(named:))
        names.append(Name(scope: name.scope, parts: partStart..<Int32(partKeys.count),
                          transforms: transformStart..<Int32(transforms.count)))
        return Int32(names.count - 1)
    }

    private mutating func intern(indentation: [UInt8]) -> Int32 {
        let start = Int32(bytes.count)
        bytes += indentation
        indentations.append(start..<Int32(bytes.count))
        return Int32(indentations.count - 1)
    }

    private mutating func blockID(_ name: String) -> Int32 {
        if let known = blockIDs[name] { return known }
        let id = Int32(blockIDs.count)
        blockIDs[name] = id
        return id
    }
}

extension TemplateProgram {
    /// The same program in storage of its own, for a renderer on another core: no buffer is shared with `self`.
    func deepCopy() -> TemplateProgram {
        var copy = self
        copy.ops = ops.withUnsafeBufferPointer { Array($0) }
        copy.bytes = bytes.withUnsafeBufferPointer { Array($0) }
        copy.names = names.withUnsafeBufferPointer { Array($0) }
        copy.keys = keys.map { FieldKey(String(decoding: Array($0.text.utf8), as: UTF8.self)) }
        copy.transforms = transforms.withUnsafeBufferPointer { Array($0) }
        copy.partKeys = partKeys.withUnsafeBufferPointer { Array($0) }
        copy.indentations = indentations.withUnsafeBufferPointer { Array($0) }
        copy.overrideSets = overrideSets.withUnsafeBufferPointer { Array($0) }
        copy.overrides = overrides.withUnsafeBufferPointer { Array($0) }
        copy.bodies = bodies.withUnsafeBufferPointer { Array($0) }
        return copy
    }
}
