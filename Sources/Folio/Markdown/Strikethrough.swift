// GFM strikethrough (spec 0.29-gfm, "Strikethrough (extension)", and cmark-gfm's strikethrough.c): a run of one
// or two tildes opens when left-flanking and closes when right-flanking, by the emphasis rules; an opener and a
// closer pair only when their runs have the same length; longer runs stay text. libcmark has already made
// emphasis, links and code of the inlines, so the runs are found in text nodes (consolidated: each container's
// text is one node between other inlines) and paired among the siblings of one container.
import Foundation

struct Strikethrough {
    /// `texts`: the tree's text nodes. Returns them as they are afterwards: those split around a tilde run are
    /// freed and their pieces take their place, so the next transform need not walk the tree again.
    func apply(to texts: [MarkdownNode]) -> [MarkdownNode] {
        var containers: [MarkdownNode] = []
        var seen: Set<MarkdownNode> = []
        for node in texts where node.literalContains(0x7E) {
            if let parent = node.parent, seen.insert(parent).inserted { containers.append(parent) }
        }
        guard !containers.isEmpty else { return texts }
        var freed: Set<MarkdownNode> = []
        var created: [MarkdownNode] = []
        for container in containers { strike(in: container, freed: &freed, created: &created) }
        return freed.isEmpty ? texts : texts.filter { !freed.contains($0) } + created
    }

    /// A piece of a container's inline content: a child kept as it is, text, or a tilde run.
    private enum Piece {
        case node(MarkdownNode)
        case text(String)
        case run(Int)
    }

    private struct Delimiter {
        var piece: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
        var active = true
    }

    private func strike(in container: MarkdownNode, freed: inout Set<MarkdownNode>, created: inout [MarkdownNode]) {
        var pieces: [Piece] = []
        var delimiters: [Delimiter] = []
        var splitTexts: [MarkdownNode] = []
        let children = container.children
        for (index, child) in children.enumerated() {
            guard child.kind == .text, child.literalContains(0x7E) else {
                pieces.append(.node(child))
                continue
            }
            splitTexts.append(child)
            let scalars = Array(child.literal.unicodeScalars)
            let before = index > 0 ? Self.boundary(children[index - 1]) : Self.edge(of: container)
            let after = index + 1 < children.count ? Self.boundary(children[index + 1]) : Self.edge(of: container)
            var start = 0, position = 0
            while position < scalars.count {
                guard scalars[position] == "~" else {
                    position += 1
                    continue
                }
                var end = position
                while end < scalars.count, scalars[end] == "~" { end += 1 }
                if position > start { pieces.append(.text(String(String.UnicodeScalarView(scalars[start..<position])))) }
                let previous = position > 0 ? CharacterClass(scalars[position - 1]) : before
                let next = end < scalars.count ? CharacterClass(scalars[end]) : after
                let length = end - position
                let left = next != .whitespace && (next != .punctuation || previous != .other)
                let right = previous != .whitespace && (previous != .punctuation || next != .other)
                if length <= 2, left || right {
                    delimiters.append(Delimiter(piece: pieces.count, length: length, canOpen: left, canClose: right))
                }
                pieces.append(.run(length))
                start = end
                position = end
            }
            if start < scalars.count { pieces.append(.text(String(String.UnicodeScalarView(scalars[start...])))) }
        }
        let pairs = Self.pair(&delimiters)
        guard !pairs.isEmpty else { return }
        created += rebuild(container, from: pieces, opening: Set(pairs.map(\.opener)), closing: Set(pairs.map(\.closer)))
        // Their text now lives in new nodes.
        for text in splitTexts {
            freed.insert(text)
            text.remove()
        }
    }

    /// cmark's delimiter algorithm for one character: each closer takes the nearest active opener before it;
    /// runs of different lengths do not pair, and whatever lies between a pair can no longer pair.
    private static func pair(_ delimiters: inout [Delimiter]) -> [(opener: Int, closer: Int)] {
        var pairs: [(opener: Int, closer: Int)] = []
        var bottom = 0
        for closer in delimiters.indices where delimiters[closer].canClose && delimiters[closer].active {
            var found: Int?
            var candidate = closer - 1
            while candidate >= bottom {
                let opener = delimiters[candidate]
                if opener.active && opener.canOpen {
                    let bothWays = delimiters[closer].canOpen || opener.canClose
                    if !bothWays || (opener.length + delimiters[closer].length) % 3 != 0 {
                        found = candidate
                        break
                    }
                }
                candidate -= 1
            }
            guard let opener = found else {
                // Nothing before can open for this closer, nor for any later one: start later searches here.
                bottom = closer
                if !delimiters[closer].canOpen { delimiters[closer].active = false }
                continue
            }
            guard delimiters[opener].length == delimiters[closer].length else { continue }
            pairs.append((delimiters[opener].piece, delimiters[closer].piece))
            for inside in opener...closer { delimiters[inside].active = false }
        }
        return pairs
    }

    /// Puts the container's content back, with each pair's pieces inside a `<del>`. Pairs nest or are apart.
    /// Returns the text nodes it made.
    private func rebuild(_ container: MarkdownNode, from pieces: [Piece], opening: Set<Int>, closing: Set<Int>)
        -> [MarkdownNode]
    {
        var parents = [container]
        var created: [MarkdownNode] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .node(let node):
                parents.last!.append(node)
            case .text(let text):
                let node = MarkdownNode.text(text)
                parents.last!.append(node)
                created.append(node)
            case .run(let length):
                if opening.contains(index) {
                    let strike = MarkdownNode.customInline(enter: "<del>", exit: "</del>")
                    parents.last!.append(strike)
                    parents.append(strike)
                } else if closing.contains(index), parents.count > 1 {
                    parents.removeLast()
                } else {
                    let node = MarkdownNode.text(String(repeating: "~", count: length))
                    parents.last!.append(node)
                    created.append(node)
                }
            }
        }
        return created
    }

    /// What a neighbouring inline looks like from a tilde run next to it: a line break is blank, and every other
    /// inline starts or ends with markup punctuation (`` ` ``, `*`, `]`, `)`, `>`).
    private static func boundary(_ node: MarkdownNode) -> CharacterClass {
        switch node.kind {
        case .softBreak, .lineBreak: .whitespace
        default: .punctuation
        }
    }

    /// The start or end of a container: a block's edge is a line's edge; an inline's is its delimiter.
    private static func edge(of container: MarkdownNode) -> CharacterClass {
        switch container.kind {
        case .emphasis, .strong, .link, .image: .punctuation
        default: .whitespace
        }
    }
}

/// Unicode whitespace, punctuation (general categories P*, and ASCII symbols, as CommonMark 0.29 counts them),
/// or anything else: what flanking rules look at.
enum CharacterClass: Equatable {
    case whitespace, punctuation, other

    init(_ scalar: Unicode.Scalar) {
        if scalar.properties.isWhitespace {
            self = .whitespace
        } else if scalar.isASCII {
            let value = scalar.value
            let isASCIIPunctuation = (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
            self = isASCIIPunctuation ? .punctuation : .other
        } else {
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation,
                 .initialPunctuation, .otherPunctuation, .openPunctuation:
                self = .punctuation
            default:
                self = .other
            }
        }
    }
}
