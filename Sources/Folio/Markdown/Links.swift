// Links and images: external links get `rel="noopener"`, images load lazily, and links between Markdown files
// (`../02-retries.md#dead-letter-queues`) become the target page's URL. Every internal link is recorded so the
// check step can prove it resolves, anchors included.
import Foundation

/// An internal link found while rendering, checked once every page is known.
public struct LinkReference: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// A Markdown source, by its path under `Content/`.
        case document(contentPath: String, anchor: String?)
        /// A path on the site, such as `/posts/a/` or `/assets/site.css`.
        case sitePath(String, anchor: String?)
    }

    public var target: Target
    /// The link as written, for messages.
    public var written: String
    public var location: SourceLocation
}

/// What the link transform needs to know about the page being rendered.
struct LinkContext {
    /// Path of the source under `Content/` (`series/outbox/01-a.md`); nil for `folio render` of a loose file.
    var contentPath: String?
    /// The page's URL path (`/posts/a/`), for resolving relative URLs; nil when unknown.
    var pageURL: String?
    /// URL of every Markdown source by its path under `Content/`.
    var urlsByContentPath: [String: String]
    /// Sizes of the site's own images by site path, written on `<img>` so the page does not shift as they load.
    var imageSizes: [String: ImageSize] = [:]
}

struct Links {
    var context: LinkContext

    struct Result {
        var references: [LinkReference] = []
        /// Links to nothing (errors), and images without alt text (warnings: screen readers announce them as a
        /// file name, or not at all).
        var problems: [DocumentProblem] = []
    }

    func apply(to tree: MarkdownTree) -> Result {
        var result = Result()
        // Children before parents: an image may hold a link in its description, and replacing the image frees
        // everything inside it, so what is inside must already be done.
        for node in tree.root.linksAndImages.reversed() {
            switch node.kind {
            case .link: rewriteLink(node, into: &result)
            case .image: rewriteImage(node, into: &result)
            default: break
            }
        }
        return result
    }

    private func rewriteLink(_ link: MarkdownNode, into result: inout Result) {
        let url = link.url
        if Self.isExternal(url) {
            var attributes = "href=\"\(HTML.escape(url))\" rel=\"noopener\""
            if !link.title.isEmpty { attributes += " title=\"\(HTML.escape(link.title))\"" }
            let replacement = MarkdownNode.customInline(enter: "<a \(attributes)>", exit: "</a>")
            replacement.adoptChildren(of: link)
            link.replace(with: replacement)
            return
        }
        guard !Self.hasScheme(url) else { return }
        if let resolved = resolveInternal(url, at: link.position, into: &result) { link.url = resolved }
    }

    private func rewriteImage(_ image: MarkdownNode, into result: inout Result) {
        var source = image.url
        if !Self.isExternal(source), !Self.hasScheme(source), let resolved = resolveInternal(source, at: image.position, into: &result) {
            source = resolved
        }
        if image.plainText.trimmingWhitespace().isEmpty {
            result.problems.append(.warning(
                "image '\(image.url)' has no alt text; describe it in the brackets: ![what it shows](\(image.url)) "
                    + "(for a purely decorative image, leave it out of the Markdown and put it in the theme)",
                line: image.position.line, column: image.position.column))
        }
        var attributes = "src=\"\(HTML.escape(source))\" alt=\"\(HTML.escape(image.plainText))\""
        if !image.title.isEmpty { attributes += " title=\"\(HTML.escape(image.title))\"" }
        if let size = imageSize(of: image.url) { attributes += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        image.replace(with: MarkdownNode.customInline(enter: "<img \(attributes) loading=\"lazy\" />", exit: ""))
    }

    private func imageSize(of url: String) -> ImageSize? {
        guard !Self.isExternal(url), !Self.hasScheme(url) else { return nil }
        let path = Self.split(url).path
        return sitePath(of: Self.percentDecoded(path)).flatMap { context.imageSizes[$0] }
    }

    /// Web links that leave the site; they get `rel="noopener"`.
    static func isExternal(_ url: String) -> Bool {
        url.hasPrefix("//") || hasPrefixIgnoringCase(url, "http://") || hasPrefixIgnoringCase(url, "https://")
    }

    /// Whether `text` starts with the lowercase ASCII `prefix`, in any case, on the bytes (no lowercased copy).
    private static func hasPrefixIgnoringCase(_ text: String, _ prefix: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var bytes = text.utf8.makeIterator()
        for expected in wanted {
            guard let byte = bytes.next() else { return false }
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            guard lowered == expected else { return false }
        }
        return true
    }

    /// Any URL with a scheme (`https:`, `mailto:`, `tel:`): not a path on this site.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Returns the URL to write for an internal link, recording it for the check step.
    private func resolveInternal(_ url: String, at position: (line: Int, column: Int), into result: inout Result)
        -> String?
    {
        guard !url.isEmpty else { return nil }
        let (pathPart, anchor) = Self.split(url)
        let location = SourceLocation(path: "", line: position.line, column: position.column)
        if pathPart.isEmpty {
            // `#section` on the same page.
            if let contentPath = context.contentPath {
                result.references.append(LinkReference(
                    target: .document(contentPath: contentPath, anchor: anchor), written: url, location: location))
            }
            return nil
        }
        let decodedPath = Self.percentDecoded(pathPart)
        if decodedPath.hasSuffix(".md") && !decodedPath.hasPrefix("/") {
            guard let contentPath = context.contentPath else { return nil }
            let targetPath = Self.normalize(Self.directory(of: contentPath) + decodedPath)
            guard let targetPath, let targetURL = context.urlsByContentPath[targetPath] else {
                result.problems.append(.error(
                    "link to '\(pathPart)' does not match any Markdown file (looked for Content/\(targetPath ?? decodedPath))",
                    line: position.line, column: position.column))
                return nil
            }
            result.references.append(LinkReference(
                target: .document(contentPath: targetPath, anchor: anchor), written: url, location: location))
            return targetURL + (anchor.map { "#" + $0 } ?? "")
        }
        if let sitePath = sitePath(of: decodedPath) {
            result.references.append(LinkReference(target: .sitePath(sitePath, anchor: anchor), written: url,
                                                   location: location))
        }
        return nil
    }

    /// A URL path, absolute on the site or relative to this page's URL, as a path from the site's root.
    private func sitePath(of decodedPath: String) -> String? {
        let path: String?
        if decodedPath.hasPrefix("/") {
            path = Self.normalize(decodedPath).map { "/" + $0 + (decodedPath.hasSuffix("/") ? "/" : "") }
        } else if let pageURL = context.pageURL {
            path = Self.normalize(pageURL + decodedPath)
                .map { "/" + $0 + (decodedPath.hasSuffix("/") || decodedPath == "." || decodedPath == ".." ? "/" : "") }
        } else {
            path = nil
        }
        guard let path else { return nil }
        return Self.hasDoubleSlash(path) ? path.replacingOccurrences(of: "//", with: "/") : path
    }

    static func split(_ url: String) -> (path: String, anchor: String?) {
        var path = url
        var anchor: String?
        if let hash = path.firstIndex(of: "#") {
            anchor = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if anchor?.isEmpty == true { anchor = nil }
        return (path, anchor.map(percentDecoded))
    }

    /// `%20` and the like decoded; a path without `%` as it is (Foundation's decoder is slow even when it has
    /// nothing to do, and most links have nothing to decode).
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(0x25) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// Whether `path` holds `//`, on its bytes (Foundation's `contains` searched it as a CFString).
    private static func hasDoubleSlash(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == 0x2F && previous == 0x2F { return true }
            previous = byte
        }
        return false
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Resolves `.` and `..` segments; nil when the path climbs above the root. The segments are those between
    /// slashes (empty ones dropped), found on the path's bytes and joined once.
    static func normalize(_ path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes -> String? in
            var segments: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x2F {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count, bytes[end] != 0x2F { end += 1 }
                let isDot = bytes[index] == 0x2E
                if isDot && end - index == 1 {
                    // `.`: this folder
                } else if isDot && end - index == 2 && bytes[index + 1] == 0x2E {
                    guard !segments.isEmpty else { return nil }
                    segments.removeLast()
                } else {
                    segments.append(index..<end)
                }
                index = end
            }
            var joined: [UInt8] = []
            joined.reserveCapacity(bytes.count)
            for segment in segments {
                if !joined.isEmpty { joined.append(0x2F) }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment]))
            }
            return String(decoding: joined, as: UTF8.self)
        }
    }
}
