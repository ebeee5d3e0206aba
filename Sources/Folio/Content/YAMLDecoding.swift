// Decodes YAML (front matter, site.yml, series.yml) into Codable types, turning every failure into a diagnostic
// that points at the offending key: unknown keys become warnings with a suggestion, wrong types errors.
import Foundation
import Yams

/// A Codable type whose YAML keys are known up front, so misspelt keys can be reported.
protocol YAMLKeyed: Decodable {
    static var knownKeys: [String] { get }
    /// Keys of nested mappings, by the key that holds them (`author` in site.yml).
    static var nestedKnownKeys: [String: [String]] { get }
    /// Keys of the mappings in a list, by the key that holds the list (`companions` in site.yml).
    static var listItemKnownKeys: [String: [String]] { get }
}

extension YAMLKeyed {
    static var nestedKnownKeys: [String: [String]] { [:] }
    static var listItemKnownKeys: [String: [String]] { [:] }
}

struct YAMLDecoding {
    /// Plain scalars are typed by regular expressions, tried in order for every value. Folio's keys need
    /// booleans, integers and null only (dates are parsed by `ContentDate`), so the other rules are dropped;
    /// the encoding is passed because Yams' default reads the whole environment on every call.
    static let resolver = Resolver.default.removing(.float).removing(.merge).removing(.timestamp).removing(.value)
    /// For types read straight from the nodes (front matter): no rules at all. Their readers type a value from
    /// its text and style (`Bool.construct`, `Int.construct`, `node.null`), never from a resolved tag, so the
    /// rules only ever ran on keys, in Yams' duplicate-key check: three regular expressions per key of every
    /// post. Every key is text then, as Folio reads keys anyway.
    static let untypedResolver = Resolver.basic

    /// Shown in diagnostics.
    var path: String
    /// Line of the file on which the YAML text starts (front matter starts on line 2).
    var firstLine: Int = 1
    /// What the YAML describes, for messages ("front matter", "site.yml").
    var what: String
    /// Whether YAML of the usual front-matter shape is read without libyaml (`PlainYAML`); off only in tests that
    /// hold the two readings to the same result.
    var usesPlainReading = true

    /// Decodes `text`; problems are appended to `diagnostics`. Returns nil when the value cannot be used.
    func decode<T: YAMLKeyed>(_ type: T.Type, from text: String, into diagnostics: inout [Diagnostic]) -> T? {
        var keyLines: [String: Int] = [:]
        return decode(type, from: text, keyLines: &keyLines, into: &diagnostics)
    }

    /// Decodes `text` and reports the file line of each top-level key in `keyLines`.
    func decode<T: YAMLKeyed>(
        _ type: T.Type, from text: String, keyLines: inout [String: Int], into diagnostics: inout [Diagnostic]
    ) -> T? {
        if usesPlainReading, let readable = T.self as? any NodeReadable.Type,
           let decoded = decodePlain(readable, known: T.knownKeys, from: text, keyLines: &keyLines) as? T
        {
            return decoded
        }
        if let problem = YAMLLimits.nestingProblem(in: text) {
            diagnostics.append(.error("\(problem.message) in \(what)",
                                      at: SourceLocation(path: path, line: firstLine + problem.line - 1,
                                                         column: problem.column)))
            return nil
        }
        let root: Node
        do {
            let resolver = T.self is any NodeReadable.Type ? Self.untypedResolver : Self.resolver
            guard let composed = try Yams.compose(yaml: text, resolver, .default, .utf8) else {
                return decodeNode(T.self, Node.mapping(Node.Mapping([])), into: &diagnostics)
            }
            root = composed
        } catch {
            diagnostics.append(.error("malformed YAML in \(what): \(describe(error))", at: location(of: error)))
            return nil
        }
        if YAMLLimits.exceedsValueBudget(root) {
            diagnostics.append(.error(
                "\(what) expands to more than \(YAMLLimits.maximumValues) values (aliases that repeat aliases?); "
                    + "Folio reads at most \(YAMLLimits.maximumValues)", at: location(root.mark)))
            return nil
        }
        guard let mapping = root.mapping else {
            diagnostics.append(.error("\(what) must be a mapping of keys to values", at: location(root.mark)))
            return nil
        }
        for (key, _) in mapping {
            if let name = key.string, let mark = key.mark { keyLines[name] = firstLine + mark.line - 1 }
        }
        warnAboutUnknownKeys(in: mapping, known: T.knownKeys, under: nil, into: &diagnostics)
        for (key, known) in T.nestedKnownKeys {
            if let nested = mapping[key]?.mapping {
                warnAboutUnknownKeys(in: nested, known: known, under: key, into: &diagnostics)
            }
        }
        for (key, known) in T.listItemKnownKeys {
            for item in mapping[key]?.sequence ?? [] {
                if let nested = item.mapping {
                    warnAboutUnknownKeys(in: nested, known: known, under: key, into: &diagnostics)
                }
            }
        }
        if let readable = T.self as? any NodeReadable.Type {
            return readable.read(mapping, root: root, decoding: self, into: &diagnostics) as? T
        }
        return decodeNode(T.self, root, into: &diagnostics)
    }

    /// Front matter of the usual shape (`PlainYAML`), read without libyaml; nil when it has another shape, or
    /// when anything in it would be reported: the full reading below then finds the same, with its places.
    private func decodePlain(
        _ type: any NodeReadable.Type, known: [String], from text: String, keyLines: inout [String: Int]
    ) -> (any NodeReadable)? {
        guard let entries = PlainYAML.mapping(text, resolver: Self.untypedResolver),
              entries.allSatisfy({ known.contains($0.key) })
        else { return nil }
        guard PlainYAML.valueCount(entries) <= YAMLLimits.maximumValues else { return nil }
        let root = PlainYAML.node(entries, resolver: Self.untypedResolver)
        var problems: [Diagnostic] = []
        guard let mapping = root.mapping, let value = type.read(mapping, root: root, decoding: self, into: &problems),
              problems.isEmpty
        else { return nil }
        for entry in entries { keyLines[entry.key] = firstLine + entry.line - 1 }
        return value
    }

    private func decodeNode<T: Decodable>(_ type: T.Type, _ root: Node, into diagnostics: inout [Diagnostic]) -> T? {
        do {
            return try YAMLDecoder().decode(T.self, from: root)
        } catch let error as DecodingError {
            diagnostics.append(diagnostic(for: error, in: root))
        } catch {
            diagnostics.append(.error("\(what): \(describe(error))", at: location(root.mark)))
        }
        return nil
    }

    private func warnAboutUnknownKeys(
        in mapping: Node.Mapping, known: [String], under parent: String?, into diagnostics: inout [Diagnostic]
    ) {
        for (key, _) in mapping {
            guard let name = key.string, !known.contains(name) else { continue }
            var message = "unknown key '\(name)' in \(what)"
            if let parent { message += " (under '\(parent)')" }
            if let suggestion = Suggestion.closest(to: name, among: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += " (known keys: \(known.joined(separator: ", ")))"
            }
            diagnostics.append(.warning(message, at: location(key.mark)))
        }
    }

    private func diagnostic(for error: DecodingError, in root: Node) -> Diagnostic {
        switch error {
        case .keyNotFound(let key, let context):
            let parent = node(at: context.codingPath, in: root) ?? root
            let keyPath = dotted(context.codingPath + [key])
            return .error("missing required key '\(keyPath)' in \(what)", at: location(parent.mark))
        case .typeMismatch(let expected, let context):
            return mismatch(expected: "\(expected)", context: context, root: root)
        case .valueNotFound(let expected, let context):
            return mismatch(expected: "\(expected)", context: context, root: root)
        case .dataCorrupted(let context):
            let target = node(at: context.codingPath, in: root)
            let key = dotted(context.codingPath)
            let place = key.isEmpty ? "" : " for key '\(key)'"
            return .error("invalid value\(place) in \(what): \(context.debugDescription)",
                          at: location(target?.mark ?? root.mark))
        @unknown default:
            return .error("\(what): \(error)", at: location(root.mark))
        }
    }

    private func mismatch(expected: String, context: DecodingError.Context, root: Node) -> Diagnostic {
        let target = node(at: context.codingPath, in: root)
        let found = target.map(kindName) ?? "nothing"
        return .error("key '\(dotted(context.codingPath))' in \(what) must be \(friendly(expected)), found \(found)",
                      at: location(target?.mark ?? root.mark))
    }

    private func friendly(_ swiftType: String) -> String {
        let name = swiftType.replacingOccurrences(of: "Optional<", with: "").replacingOccurrences(of: ">", with: "")
        switch name {
        case "String", "Scalar": return "text"
        case "Int": return "a whole number"
        case "Bool": return "true or false"
        case "ContentDate": return "a date (YYYY-MM-DD)"
        default:
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a \(name)"
        }
    }

    func kindName(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current: Node? = root
        for key in path {
            if let index = key.intValue, let sequence = current?.sequence {
                current = index < sequence.count ? sequence[index] : nil
            } else {
                current = current?[key.stringValue]
            }
        }
        return current
    }

    private func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: firstLine, column: 1) }
        return SourceLocation(path: path, line: firstLine + mark.line - 1, column: mark.column)
    }

    private func location(of error: Error) -> SourceLocation {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return location(mark)
            case .duplicatedKeysInMapping(_, let context):
                return location(context.mark)
            default: break
            }
        }
        return location(nil)
    }

    private func describe(_ error: Error) -> String {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
                 .composer(let context, let problem, _, _):
                if let context { return "\(problem) (\(context.text))" }
                return problem
            case .duplicatedKeysInMapping(let duplicates, _):
                return "duplicate keys: \(duplicates.joined(separator: ", "))"
            default:
                return "\(yamlError)"
            }
        }
        return "\(error)"
    }
}
