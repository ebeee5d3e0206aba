// GFM extended autolinks (spec 0.29-gfm, "Autolinks (extension)", and cmark-gfm's autolink.c where the spec is
// silent): `www.` links, `http://`, `https://` and `ftp://` links and e-mail addresses in text become links,
// with the spec's rules for the domain, trailing punctuation, parentheses and `&entity;`. Never inside a link,
// an image's description or code (code spans are not text nodes). The links are ordinary link nodes, so `Links`
// gives them the treatment of every other external link, and the internal link checker never sees them.

struct ExtendedAutolinks {
    /// `texts`: the tree's text nodes, as strikethrough left them.
    func apply(to texts: [MarkdownNode]) {
        for node in texts where Self.mayHoldLink(node) {
            guard !node.hasAncestor(of: .link), !node.hasAncestor(of: .image) else { continue }
            link(in: node)
        }
    }

    /// Every autolink has `www.`, `://` or `@`; looked for in cmark's bytes, before any String is made.
    private static func mayHoldLink(_ node: MarkdownNode) -> Bool {
        node.literalContains(0x40) || node.literalContains("://") || node.literalContains("www.")
    }

    private struct Match {
        var range: Range<Int>
        var url: String
    }

    private func link(in text: MarkdownNode) {
        let bytes = Array(text.literal.utf8)
        var matches: [Match] = []
        var index = 0
        // A link may start at the node's start only after a line start or an emphasis delimiter.
        let startAllowed: Bool = {
            guard let previous = text.previous else { return true }
            return [.softBreak, .lineBreak, .emphasis, .strong].contains(previous.kind)
        }()
        while index < bytes.count {
            let segmentStart = matches.last?.range.upperBound ?? 0
            var match: Match?
            switch bytes[index] {
            case UInt8(ascii: "w"):
                let boundary = index == 0 ? startAllowed : Self.isWWWBoundary(bytes[index - 1])
                if boundary { match = Self.wwwLink(bytes, at: index) }
            case UInt8(ascii: ":"):
                match = Self.urlLink(bytes, colon: index, earliest: segmentStart)
            case UInt8(ascii: "@"):
                match = Self.emailLink(bytes, at: index, earliest: segmentStart)
            default: break
            }
            if let match {
                matches.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        guard !matches.isEmpty else { return }
        var position = 0
        for match in matches {
            if match.range.lowerBound > position {
                text.insertBefore(MarkdownNode.text(String(decoding: bytes[position..<match.range.lowerBound], as: UTF8.self)))
            }
            let link = MarkdownNode.link(url: match.url)
            link.append(MarkdownNode.text(String(decoding: bytes[match.range], as: UTF8.self)))
            text.insertBefore(link)
            position = match.range.upperBound
        }
        if position < bytes.count {
            text.literal = String(decoding: bytes[position...], as: UTF8.self)
        } else {
            text.remove()
        }
    }

    private static func isWWWBoundary(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            || byte == UInt8(ascii: "(")
    }

    private static func wwwLink(_ bytes: [UInt8], at start: Int) -> Match? {
        guard bytes.count - start >= 4, bytes[start..<(start + 4)].elementsEqual("www.".utf8),
              let domain = domainLength(bytes, from: start, allowShort: false)
        else { return nil }
        let end = trimmedEnd(bytes, from: start, end: pathEnd(bytes, from: start + domain))
        guard end > start else { return nil }
        return Match(range: start..<end, url: "http://" + String(decoding: bytes[start..<end], as: UTF8.self))
    }

    private static let schemes = ["http", "https", "ftp"]

    /// At the colon of `scheme://`: the scheme is the letters before it, and must be one of `schemes`.
    private static func urlLink(_ bytes: [UInt8], colon: Int, earliest: Int) -> Match? {
        guard colon + 3 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        var start = colon
        while start > earliest, isASCIILetter(bytes[start - 1]) { start -= 1 }
        let scheme = String(decoding: bytes[start..<colon], as: UTF8.self).lowercased()
        guard schemes.contains(scheme),
              let domain = domainLength(bytes, from: colon + 3, allowShort: true)
        else { return nil }
        let end = trimmedEnd(bytes, from: colon, end: pathEnd(bytes, from: colon + 3 + domain))
        guard end > colon + 3 else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return Match(range: start..<end, url: text)
    }

    /// cmark-gfm's rule: a local part of letters, digits and `.+-_` before the `@`; after it letters, digits, `-`,
    /// `_` and at least one `.` followed by a letter or digit, no second `@`, ending in a letter (or a `.`,
    /// which is then left out).
    private static func emailLink(_ bytes: [UInt8], at: Int, earliest: Int) -> Match? {
        var start = at
        while start > earliest, case let byte = bytes[start - 1],
              isASCIIAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
            start -= 1
        }
        guard start < at else { return nil }
        var end = at
        var ats = 0, periods = 0
        while end < bytes.count {
            let byte = bytes[end]
            if isASCIIAlphanumeric(byte) {
                // part of the domain
            } else if byte == UInt8(ascii: "@") {
                ats += 1
            } else if byte == UInt8(ascii: "."), end + 1 < bytes.count, isASCIIAlphanumeric(bytes[end + 1]) {
                periods += 1
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                break
            }
            end += 1
        }
        guard end - at >= 2, ats == 1, periods > 0,
              isASCIILetter(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ".")
        else { return nil }
        end = trimmedEnd(bytes, from: at, end: end)
        guard end > at + 1 else { return nil }
        let address = String(decoding: bytes[start..<end], as: UTF8.self)
        return Match(range: start..<end, url: "mailto:" + address)
    }

    /// Length of the valid domain at `start`, or nil. Segments of letters (any script), digits, `_` and `-`
    /// separated by periods; no `_` in the last two segments; a period unless `allowShort`. As in cmark-gfm,
    /// this only decides whether there is a link; where it ends is the path's business.
    private static func domainLength(_ bytes: [UInt8], from start: Int, allowShort: Bool) -> Int? {
        guard start < bytes.count, isHostByte(bytes[start]) else { return nil }
        var index = start + 1
        var periods = 0, underscoresBefore = 0, underscores = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                underscores += 1
            } else if byte == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                periods += 1
            } else if !isHostByte(byte) && byte != UInt8(ascii: "-") {
                break
            }
            index += 1
        }
        guard underscoresBefore == 0, underscores == 0, allowShort || periods > 0 else { return nil }
        return index - start
    }

    /// The end of a link's path: the first blank or `<`.
    private static func pathEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
        return end
    }

    /// Extended autolink path validation: trailing punctuation, a trailing `&entity;` and unbalanced closing
    /// parentheses are not part of the link. `from` is where parentheses start being counted.
    private static func trimmedEnd(_ bytes: [UInt8], from start: Int, end initialEnd: Int) -> Int {
        var end = initialEnd
        while end > start {
            let last = bytes[end - 1]
            if let width = trailingCurlyPunctuationWidth(bytes, end: end, start: start) {
                end -= width
            } else if "?!.,:*_~'\"".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ";") {
                guard end - 2 > start else {
                    end -= 1
                    continue
                }
                var entityStart = end - 2
                while entityStart > start, isASCIIAlphanumeric(bytes[entityStart]) { entityStart -= 1 }
                end = entityStart < end - 2 && bytes[entityStart] == UInt8(ascii: "&") ? entityStart : end - 1
            } else if last == UInt8(ascii: ")") {
                var opening = 0, closing = 0
                for byte in bytes[start..<end] {
                    if byte == UInt8(ascii: "(") { opening += 1 } else if byte == UInt8(ascii: ")") { closing += 1 }
                }
                guard closing > opening else { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    /// Smart punctuation has already turned `'`, `"` and `...` after a link into ’ ” …; they end it just the same.
    private static func trailingCurlyPunctuationWidth(_ bytes: [UInt8], end: Int, start: Int) -> Int? {
        guard end - start >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80 else { return nil }
        return [0x99, 0x9D, 0xA6].contains(bytes[end - 1]) ? 3 : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    /// A byte of a host name: not blank and not ASCII punctuation (bytes of non-ASCII letters count).
    private static func isHostByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || isASCIIAlphanumeric(byte)
    }
}
