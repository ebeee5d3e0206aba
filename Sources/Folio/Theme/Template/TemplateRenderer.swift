// Renders compiled templates (`TemplateProgram`) into one byte buffer. A name is looked up down a stack of typed
// values (TemplateData); text is escaped in runs of bytes. What sections, partials and blocks do with the context,
// indentation and overrides follows swift-mustache 2, whose output themes were written against.

struct TemplateRenderer {
    let program: TemplateProgram
    private(set) var output: [UInt8] = []
    private var stack: [TemplateData] = []
    /// Fields of the page's context (the bottom of the stack) already looked up, by place in `program.keys`:
    /// `post`, `page` and `site` are read by most tags, and reading one copies a struct of many strings.
    private var rootFields: [TemplateData?] = []
    /// The blocks the parent partials being rendered fill in, outermost first; the outermost override wins.
    private var overrides: [TemplateProgram.Override] = []
    /// The indentation of the partials and blocks being rendered, innermost last (`Scope.indentation`).
    private var indentation: [UInt8] = []

    /// What a run of instructions renders with besides the stack. Plain values, copied at every section.
    private struct Scope {
        /// Set inside a list section's element, for `{{first()}}` and its kind; partials and blocks clear it.
        var position: ListPosition?
        /// How many bytes of the renderer's `indentation` go before every line rendered here.
        var indentation = 0
        var escapes = true
    }

    init(program: TemplateProgram) { self.program = program }

    init(templates: [String: Template]) { self.init(program: TemplateProgram(templates)) }

    /// Renders template `name` with `context` at the bottom of the stack; false when there is no such template.
    mutating func render(_ name: String, context: TemplateData) -> Bool {
        guard let body = program.body(of: name) else { return false }
        stack = [context]
        rootFields = Array(repeating: nil, count: program.keys.count)
        output.reserveCapacity(16 * 1024)
        run(body, scope: Scope())
        stack = []
        rootFields = []
        return true
    }

    private mutating func run(_ range: Range<Int32>, scope: Scope) {
        var scope = scope
        var index = Int(range.lowerBound)
        let end = Int(range.upperBound)
        if scope.indentation == 0 {
            while index < end { index = step(index, scope: &scope) }
            return
        }
        // An instruction that starts a line is indented when it renders something; swift-mustache asks this of
        // each node of a template, against what that template has rendered so far.
        let start = output.count
        while index < end {
            guard startsLine(since: start) else {
                index = step(index, scope: &scope)
                continue
            }
            output += indentation[0..<scope.indentation]
            let mark = output.count
            index = step(index, scope: &scope)
            if output.count == mark { output.removeLast(scope.indentation) }
        }
    }

    /// Whether what was rendered since `start` ends with `\n` (as a character, so not `\r\n`).
    private func startsLine(since start: Int) -> Bool {
        let count = output.count - start
        guard count > 0, output[output.count - 1] == 0x0A else { return false }
        return count == 1 || output[output.count - 2] != 0x0D
    }

    /// Renders the instruction at `index` (with its body) and returns the index of the one after it.
    private mutating func step(_ index: Int, scope: inout Scope) -> Int {
        switch program.ops[index] {
        case .text(let start, let end):
            output += program.bytes[Int(start)..<Int(end)]
        case .variable(let name, let escaped):
            write(value(of: name, scope: scope), escaped: escaped && scope.escapes)
        case .section(let name, let end):
            let body = Int32(index + 1)..<end
            switch value(of: name, scope: scope) {
            case .absent, .bool(false):
                break
            case .bool(true):
                run(body, scope: scope)
            case .list(let list):
                var inner = scope
                for element in 0..<list.count {
                    inner.position = ListPosition(index: element, isLast: element == list.count - 1)
                    stack.append(list.element(at: element))
                    run(body, scope: inner)
                    stack.removeLast()
                }
            case let value:
                runPushing(value, body, scope: scope)
            }
            return Int(end)
        case .invertedSection(let name, let end):
            let body = Int32(index + 1)..<end
            switch value(of: name, scope: scope) {
            case .absent, .bool(false):
                run(body, scope: scope)
            case .list(let list) where list.count == 0:
                runPushing(.list(list), body, scope: scope)
            default:
                break
            }
            return Int(end)
        case .block(let block, let end, let extra):
            var inner = scope
            inner.position = nil
            inner.indentation = indent(scope, by: extra)
            run(override(of: block) ?? Int32(index + 1)..<end, scope: inner)
            return Int(end)
        case .partial(let template, let extra, let set):
            if template >= 0 { runPartial(program.bodies[Int(template)], indentation: extra, overrides: set, scope: scope) }
        case .dynamicPartial(let name, let extra, let set):
            if case .text(let partial) = value(of: name, scope: scope), let body = program.body(of: partial) {
                runPartial(body, indentation: extra, overrides: set, scope: scope)
            }
        case .contentType(let escapes):
            scope.escapes = escapes
        case .jump(let target):
            return Int(target)
        }
        return index + 1
    }

    private mutating func runPushing(_ value: TemplateData, _ body: Range<Int32>, scope: Scope) {
        var inner = scope
        inner.position = nil
        stack.append(value)
        run(body, scope: inner)
        stack.removeLast()
    }

    private mutating func runPartial(_ body: Range<Int32>, indentation extra: Int32, overrides set: Int32, scope: Scope) {
        var inner = scope
        inner.position = nil
        inner.escapes = true
        if extra >= 0 { inner.indentation = indent(scope, by: extra) }
        let outer = overrides.count
        if set >= 0 { overrides += program.overrides[Range(widening: program.overrideSets[Int(set)])] }
        run(body, scope: inner)
        overrides.removeLast(overrides.count - outer)
    }

    /// The indentation of a scope inside `scope` that adds `program.indentations[extra]`, as a length of the
    /// renderer's `indentation`: what a sibling scope added after `scope`'s is dropped first.
    private mutating func indent(_ scope: Scope, by extra: Int32) -> Int {
        indentation.removeLast(indentation.count - scope.indentation)
        indentation += program.bytes[Range(widening: program.indentations[Int(extra)])]
        return indentation.count
    }

    /// The body the outermost parent partial gives `block`, if any does.
    private func override(of block: Int32) -> Range<Int32>? {
        for entry in overrides where entry.block == block { return entry.start..<entry.end }
        return nil
    }

    // MARK: Values

    private mutating func value(of nameIndex: Int32, scope: Scope) -> TemplateData {
        let name = program.names[Int(nameIndex)]
        var value: TemplateData
        var transforms = name.transforms
        switch name.scope {
        case .current:
            value = stack[stack.count - 1]
        case .listPosition:
            guard let position = scope.position, !transforms.isEmpty else { return .absent }
            value = position.transform(program.transforms[Int(transforms.upperBound - 1)])
            transforms = transforms.lowerBound..<(transforms.upperBound - 1)
        case .currentOnly:
            value = stack[stack.count - 1]
            for part in name.parts { value = value.field(key(ofPart: part)) }
        case .stack:
            guard !name.parts.isEmpty else {
                value = stack[stack.count - 1]
                break
            }
            let first = Int(program.partKeys[Int(name.parts.lowerBound)])
            value = .absent
            for depth in stride(from: stack.count - 1, through: 0, by: -1) {
                value = depth == 0 ? rootField(first) : stack[depth].field(program.keys[first])
                if case .absent = value { continue }
                break
            }
            for part in name.parts.dropFirst() { value = value.field(key(ofPart: part)) }
        }
        for transform in transforms.reversed() {
            if case .absent = value { break }
            value = value.transformed(program.transforms[Int(transform)])
        }
        return value
    }

    /// The field name a part of a tag's name stands for.
    private func key(ofPart part: Int32) -> FieldKey { program.keys[Int(program.partKeys[Int(part)])] }

    private mutating func rootField(_ key: Int) -> TemplateData {
        if let known = rootFields[key] { return known }
        let value = stack[0].field(program.keys[key])
        rootFields[key] = value
        return value
    }

    private mutating func write(_ value: TemplateData, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { HTMLBytes.appendEscaped(text, to: &output) } else { output += text.utf8 }
        case .html(let bytes):
            if escaped {
                bytes.withUnsafeBufferPointer { HTMLBytes.appendEscaped($0, to: &output) }
            } else {
                output += bytes
            }
        case .number(let number):
            output += String(number).utf8
        case .bool(let flag):
            output += (flag ? "true" : "false").utf8
        case .absent, .list, .object:
            break  // swift-mustache printed Swift's description of a list or object; no template wants that
        }
    }
}

extension Range<Int> {
    /// The same places as a range the program stores in 32 bits.
    init(widening range: Range<Int32>) { self = Int(range.lowerBound)..<Int(range.upperBound) }
}
