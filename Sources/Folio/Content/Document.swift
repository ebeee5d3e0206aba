// A Markdown source with its decoded front matter and the facts derived from where it lives.
import Foundation

public struct Document: Sendable, Identifiable {
    public enum Kind: String, Sendable { case post, page }

    public var kind: Kind
    /// Path under `Content/`, e.g. `series/outbox/01-dual-writes.md`. Unique; used as the id.
    public var contentPath: String
    /// Path shown in diagnostics, e.g. `Content/series/outbox/01-dual-writes.md`.
    public var displayPath: String
    public var frontMatter: FrontMatter
    public var body: String
    /// Where the body is in its file, when it was not kept in `body` (a one-off build reads it again to render it,
    /// so every document's text is not held at once).
    var bodyLocation: BodyLocation?
    /// Lines before the body (the front matter and its fences), so body line 1 is file line `bodyLineOffset + 1`.
    public var bodyLineOffset: Int
    /// Where in the file each front matter key is, for diagnostics found after loading.
    public var keyLines: [String: Int]
    /// The series folder this file is in, if any.
    public var seriesFolder: String?
    /// Part number from the file name (`02-retries.md`), if it has one.
    public var fileNumber: Int?
    /// The file name without extension and numeric prefix: the default slug.
    public var baseName: String

    public var id: String { contentPath }
    public var title: String { frontMatter.title }
    public var isDraft: Bool { frontMatter.draft ?? false }
    public var slug: String { frontMatter.slug ?? baseName }

    /// The `summary` from front matter, or the first paragraph when it is absent or empty.
    func summary(fallback rendered: RenderedMarkdown) -> String {
        if let summary = frontMatter.summary?.trimmingWhitespace(), !summary.isEmpty { return summary }
        return rendered.firstParagraph
    }

    /// The location of a front matter key (or the top of the file when it is absent).
    public func location(ofKey key: String) -> SourceLocation {
        SourceLocation(path: displayPath, line: keyLines[key] ?? 1, column: 1)
    }
}

/// Splits a file into its YAML front matter and its Markdown body.
enum FrontMatterSplitter {
    struct Parts {
        var yaml: String?
        var body: String
        /// Lines taken by the front matter block, fences included.
        var bodyLineOffset: Int
    }

    /// Front matter is the text between a first line `---` and the next line that is `---` or `...`.
    /// Returns nil for `yaml` when the file has no front matter, and an error when the block is not closed.
    static func split(_ text: String) -> Result<Parts, SplitError> {
        // Works on UTF-8 bytes: as Characters, "\r\n" is one grapheme and would hide the line ends.
        let bytes = text.utf8
        return bounds(of: bytes).map { bounds in
            // Both pieces start after a line feed, on a scalar boundary: copied, not decoded again.
            let yaml = bounds.yaml.map { String(bytes[$0]) ?? String(decoding: bytes[$0], as: UTF8.self) }
            let bodyBytes = bytes[bounds.body...]
            let body = bounds.yaml == nil ? text : String(bodyBytes) ?? String(decoding: bodyBytes, as: UTF8.self)
            return Parts(yaml: yaml, body: body, bodyLineOffset: bounds.bodyLineOffset)
        }
    }

    /// The front matter of a file's bytes and where its body starts (a byte offset), the body itself left
    /// unread: for a build that reads the body again when it renders it.
    static func frontMatter(of bytes: Data) -> Result<(parts: Parts, bodyOffset: Int), SplitError> {
        // Searched in the raw bytes: Data's own subscript checks access to its storage on every byte.
        bytes.withUnsafeBytes { raw in
            bounds(of: raw).map { bounds in
                let yaml = bounds.yaml.map { String(decoding: UnsafeRawBufferPointer(rebasing: raw[$0]), as: UTF8.self) }
                return (Parts(yaml: yaml, body: "", bodyLineOffset: bounds.bodyLineOffset), bounds.body)
            }
        }
    }

    /// Where the pieces of a file are, as positions in its bytes.
    struct Bounds<Index: Comparable> {
        /// The YAML between the fences; nil when the file has no front matter.
        var yaml: Range<Index>?
        /// Where the body starts.
        var body: Index
        var bodyLineOffset: Int
    }

    static func bounds<Bytes: BidirectionalCollection<UInt8>>(of bytes: Bytes) -> Result<Bounds<Bytes.Index>, SplitError> {
        guard bytes.starts(with: "---\n".utf8) || bytes.starts(with: "---\r\n".utf8) else {
            return .success(Bounds(yaml: nil, body: bytes.startIndex, bodyLineOffset: 0))
        }
        var lineNumber = 1
        var lineStart = bytes.startIndex
        var yamlStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let newline = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var lineEnd = newline
            if lineEnd > lineStart, bytes[bytes.index(before: lineEnd)] == 0x0D { lineEnd = bytes.index(before: lineEnd) }
            let next = newline < bytes.endIndex ? bytes.index(after: newline) : bytes.endIndex
            if lineNumber == 1 {
                yamlStart = next
            } else {
                let line = bytes[lineStart..<lineEnd]
                if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                    return .success(Bounds(yaml: yamlStart..<lineStart, body: next, bodyLineOffset: lineNumber))
                }
            }
            lineNumber += 1
            lineStart = next
        }
        return .failure(.unterminated)
    }

    enum SplitError: Error { case unterminated }
}

/// Where a document's body is, in the file it was loaded from.
struct BodyLocation: Sendable {
    /// The file as load read it: the body is read again only from the same file, unchanged.
    var identity: FileIdentity
    /// Where the body starts, in bytes.
    var offset: Int
}
