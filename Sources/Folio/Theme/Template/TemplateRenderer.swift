// Renders compiled templates into one byte buffer. A name is looked up down a stack of typed values
// (TemplateData); text is escaped in runs of bytes. What sections, partials and blocks do with the context,
// indentation and overrides follows swift-mustache 2, whose output themes were written against.

struct TemplateRenderer {
    /// Every template and partial of the theme, by name.
    let templates: [String: Template]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateData] = []
    /// Fields of the page's context (the bottom of the stack) already looked up: `post`, `page` and `site` are
    /// read by most tags, and reading one copies a struct of many strings.
    private var rootFields: [String: TemplateData] = [:]

    /// What a run of nodes renders with besides the stack.
    private struct Scope {
        /// Set inside a list section's element, for `{{first()}}` and its kind; partials and blocks clear it.
        var position: ListPosition?
        /// Added before every line a standalone partial renders.
        var indentation: [UInt8] = []
        /// The blocks the parent partials being rendered fill in; the outermost override wins.
        var overrides: [String: [TemplateNode]] = [:]
        var escapes = true
    }

    init(templates: [String: Template]) { self.templates = templates }

    /// Renders template `name` with `context` at the bottom of the stack; false when there is no such template.
    mutating func render(_ name: String, context: TemplateData) -> Bool {
        guard let template = templates[name] else { return false }
        stack = [context]
        rootFields = [:]
        output.reserveCapacity(16 * 1024)
        render(template.nodes, scope: Scope())
        stack = []
        rootFields = [:]
        return true
    }

    private mutating func render(_ nodes: [TemplateNode], scope: Scope) {
        var scope = scope
        if scope.indentation.isEmpty {
            for node in nodes { render(node, scope: &scope) }
            return
        }
        // A node that starts a line is indented when it renders something; swift-mustache asks this of each
        // node of a template, against what that template has rendered so far.
        let start = output.count
        for node in nodes {
            guard startsLine(since: start) else {
                render(node, scope: &scope)
                continue
            }
            output += scope.indentation
            let mark = output.count
            render(node, scope: &scope)
            if output.count == mark { output.removeLast(scope.indentation.count) }
        }
    }

    /// Whether what was rendered since `start` ends with `\n` (as a character, so not `\r\n`).
    private func startsLine(since start: Int) -> Bool {
        let count = output.count - start
        guard count > 0, output[output.count - 1] == 0x0A else { return false }
        return count == 1 || output[output.count - 2] != 0x0D
    }

    private mutating func render(_ node: TemplateNode, scope: inout Scope) {
        switch node {
        case .text(let bytes):
            output += bytes
        case .variable(let name, let escaped):
            write(value(of: name, scope: scope), escaped: escaped && scope.escapes)
        case .section(let name, let body):
            switch value(of: name, scope: scope) {
            case .absent, .bool(false):
                break
            case .bool(true):
                render(body, scope: scope)
            case .list(let list):
                var inner = scope
                for index in 0..<list.count {
                    inner.position = ListPosition(index: index, isLast: index == list.count - 1)
                    stack.append(list.element(at: index))
                    render(body, scope: inner)
                    stack.removeLast()
                }
            case let value:
                renderPushing(value, body, scope: scope)
            }
        case .invertedSection(let name, let body):
            switch value(of: name, scope: scope) {
            case .absent, .bool(false):
                render(body, scope: scope)
            case .list(let list) where list.count == 0:
                renderPushing(.list(list), body, scope: scope)
            default:
                break
            }
        case .block(let name, let defaultBody, let indentation):
            var inner = scope
            inner.position = nil
            inner.indentation += indentation
            render(scope.overrides[name] ?? defaultBody, scope: inner)
        case .partial(let name, let indentation, let overrides):
            renderPartial(name, indentation: indentation, overrides: overrides, scope: scope)
        case .dynamicPartial(let name, let indentation, let overrides):
            if case .text(let partial) = value(of: name, scope: scope) {
                renderPartial(partial, indentation: indentation, overrides: overrides, scope: scope)
            }
        case .blockDefinition:
            break  // collected into its parent partial's tag when the template compiled
        case .contentType(let escapes):
            scope.escapes = escapes
        }
    }

    private mutating func renderPushing(_ value: TemplateData, _ body: [TemplateNode], scope: Scope) {
        var inner = scope
        inner.position = nil
        stack.append(value)
        render(body, scope: inner)
        stack.removeLast()
    }

    private mutating func renderPartial(
        _ name: String, indentation: [UInt8]?, overrides: [String: [TemplateNode]]?, scope: Scope
    ) {
        guard let template = templates[name] else { return }
        var inner = scope
        inner.position = nil
        inner.escapes = true
        if let indentation { inner.indentation += indentation }
        if let overrides { inner.overrides.merge(overrides) { outer, _ in outer } }
        render(template.nodes, scope: inner)
    }

    // MARK: Values

    private mutating func value(of name: TemplateName, scope: Scope) -> TemplateData {
        var value: TemplateData
        switch name.scope {
        case .current:
            value = stack[stack.count - 1]
        case .listPosition:
            guard let position = scope.position else { return .absent }
            var transforms = name.transforms
            value = position.transform(transforms.removeLast())
            for transform in transforms.reversed() { value = value.transformed(transform) }
            return value
        case .currentOnly:
            value = stack[stack.count - 1]
            for part in name.parts { value = value.field(named: part) }
        case .stack:
            guard let first = name.parts.first else {
                value = stack[stack.count - 1]
                break
            }
            value = .absent
            for depth in stride(from: stack.count - 1, through: 0, by: -1) {
                value = depth == 0 ? rootField(first) : stack[depth].field(named: first)
                if case .absent = value { continue }
                break
            }
            for part in name.parts.dropFirst() { value = value.field(named: part) }
        }
        for transform in name.transforms.reversed() {
            if case .absent = value { break }
            value = value.transformed(transform)
        }
        return value
    }

    private mutating func rootField(_ name: String) -> TemplateData {
        if let known = rootFields[name] { return known }
        let value = stack[0].field(named: name)
        rootFields[name] = value
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
