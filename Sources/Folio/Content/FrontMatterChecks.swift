// Checks on front matter values that YAML types alone cannot express, made where the value is written so the
// diagnostic points at its line: a canonical URL must be absolute http(s), tags are merged by the slug they
// publish under and must fit in a file name, and characters XML forbids are named where they appear.
import Foundation

enum FrontMatterChecks {
    /// Longest tag slug: each tag is a folder of the site (`/tags/<slug>/`), and file systems allow 255 bytes.
    static let maximumTagSlugLength = 100

    /// Returns the front matter with duplicate tags merged (first spelling wins), after reporting problems.
    static func checked(
        _ frontMatter: FrontMatter, displayPath: String, keyLines: [String: Int], into diagnostics: inout [Diagnostic]
    ) -> FrontMatter {
        var frontMatter = frontMatter
        if let canonical = frontMatter.canonical, !isAbsoluteWebURL(canonical) {
            diagnostics.append(.error(
                "canonical '\(canonical)' must be an absolute http:// or https:// URL",
                at: SourceLocation(path: displayPath, line: keyLines["canonical"] ?? 1)))
        }
        if let tags = frontMatter.tags {
            var seen: [String: String] = [:]
            var merged: [String] = []
            let line = keyLines["tags"] ?? 1
            for tag in tags {
                let slug = Slug.make(tag)
                if slug.isEmpty {
                    diagnostics.append(.warning("tag '\(tag)' has no letters or digits and is left out",
                                                at: SourceLocation(path: displayPath, line: line)))
                    continue
                }
                if slug.utf8.count > maximumTagSlugLength {
                    diagnostics.append(.error(
                        "tag '\(tag.prefix(40))…' is \(slug.utf8.count) characters as a URL; tags may be at most "
                            + "\(maximumTagSlugLength)", at: SourceLocation(path: displayPath, line: line)))
                    continue
                }
                if let first = seen[slug] {
                    if first != tag {
                        diagnostics.append(.warning(
                            "tags '\(first)' and '\(tag)' are the same tag (/tags/\(slug)/); '\(first)' is kept",
                            at: SourceLocation(path: displayPath, line: line)))
                    }
                    continue
                }
                seen[slug] = tag
                merged.append(tag)
            }
            frontMatter.tags = merged
        }
        return frontMatter
    }

    static func isAbsoluteWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}

/// Characters XML 1.0 does not allow (section 2.2: C0 controls but tab, newline and carriage return; the
/// surrogates; U+FFFE and U+FFFF). A vertical tab pasted into a post would otherwise make feed.xml unreadable.
enum XMLCharacters {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The first forbidden character in `text` with its line and column (columns count bytes, as cmark's do).
    static func firstForbidden(in text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        guard hasForbiddenBytes(text) else { return nil }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if !isAllowed(scalar) { return (line, column, scalar) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += String(scalar).utf8.count
            }
        }
        return nil
    }

    /// Whether `text` holds a C0 control other than tab, line feed and carriage return, or U+FFFE or U+FFFF
    /// (EF BF BE, EF BF BF): exactly the characters XML forbids, since a Swift string holds no surrogates. A scan
    /// of bytes, so the common case (none) costs a pass over memory, not a decoding of every scalar.
    static func hasForbiddenBytes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none is below 0x20 and none is 0xEF: a feed of a site's posts is most
                // of a megabyte, checked on every save in `folio serve`.
                if index + 8 <= bytes.count {
                    let word = ByteWord.load(raw, at: index)
                    if ByteWord.below(word, 0x20) | ByteWord.equal(word, 0xEF) == 0 {
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return true }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// `text` without the characters XML forbids; returns `text` itself when it has none.
    static func removingForbidden(_ text: String) -> String {
        guard hasForbiddenBytes(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { out.append(scalar) }
        return String(out)
    }
}
