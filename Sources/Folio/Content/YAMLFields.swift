// Front matter read straight from Yams' nodes: typed accessors that report a bad value the way the decoder would.
import Yams

/// A type read straight from the YAML nodes instead of through `Decodable`: front matter is read once per file,
/// and Codable's machinery was most of the load step's time. The messages match the decoder's.
protocol NodeReadable {
    static func read(_ mapping: Node.Mapping, root: Node, decoding: YAMLDecoding, into diagnostics: inout [Diagnostic])
        -> Self?
}

/// Typed access to the keys of one YAML mapping, collecting a diagnostic per bad value.
struct YAMLFields {
    let root: Node
    let decoding: YAMLDecoding
    private(set) var problems: [Diagnostic] = []
    /// The values by key, made once: `Node.Mapping`'s subscript resolves the key's tag and compares it with every
    /// pair on each lookup. Same answer: the last pair whose key has that text (every key read here is a plain
    /// word, whose tag resolves the same way in the file and in the lookup).
    private let values: [String: Node]

    init(_ mapping: Node.Mapping, root: Node, decoding: YAMLDecoding) {
        self.root = root
        self.decoding = decoding
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let scalar = key.scalar { values[scalar.string] = value }
        }
        self.values = values
    }

    /// The value of `key`; nil when absent or null (YAML `~`, or nothing after the colon).
    private func value(_ key: String) -> Node? {
        guard let node = values[key] else { return nil }
        if node.null != nil { return nil }
        return node
    }

    private mutating func mismatch(_ key: String, expected: String, found node: Node) {
        problems.append(.error("key '\(key)' in \(decoding.what) must be \(expected), found \(decoding.kindName(node))",
                               at: decoding.location(node.mark)))
    }

    mutating func required(_ key: String) -> String? {
        guard value(key) != nil else {
            problems.append(.error("missing required key '\(key)' in \(decoding.what)", at: decoding.location(root.mark)))
            return nil
        }
        return text(key)
    }

    /// The scalar at `key` made into a value by `construct`, or a "must be …" diagnostic when it cannot be.
    private mutating func scalar<T>(_ key: String, expected: String, _ construct: (Node.Scalar) -> T?) -> T? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar, let result = construct(scalar) else {
            mismatch(key, expected: expected, found: node)
            return nil
        }
        return result
    }

    mutating func text(_ key: String) -> String? { scalar(key, expected: "text") { $0.string } }
    mutating func bool(_ key: String) -> Bool? { scalar(key, expected: "true or false", Bool.construct) }
    mutating func integer(_ key: String) -> Int? { scalar(key, expected: "a whole number", Int.construct) }

    mutating func date(_ key: String) -> ContentDate? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            mismatch(key, expected: "a date (YYYY-MM-DD)", found: node)
            return nil
        }
        guard let date = ContentDate(parsing: scalar.string) else {
            problems.append(.error(
                "invalid value for key '\(key)' in \(decoding.what): '\(scalar.string)' is not a date; "
                    + "write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", at: decoding.location(node.mark)))
            return nil
        }
        return date
    }

    mutating func textList(_ key: String) -> [String]? {
        guard let node = value(key) else { return nil }
        guard let sequence = node.sequence else {
            mismatch(key, expected: "a list", found: node)
            return nil
        }
        var items: [String] = []
        for (index, item) in sequence.enumerated() {
            guard let scalar = item.scalar else {
                mismatch("\(key)[\(index)]", expected: "text", found: item)
                continue
            }
            items.append(scalar.string)
        }
        return items
    }
}
