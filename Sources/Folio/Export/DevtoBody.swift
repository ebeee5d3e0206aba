// A post's Markdown rewritten so that dev.to (plain CommonMark plus GFM) shows what the site shows, and nothing
// Folio-only is left: snippet includes become plain fences in their language, Mermaid fences the diagram's PNG
// on the site, callouts block quotes with a bold title, relative links and images absolute URLs on the site.
// The rewriting is done on source lines located through the cmark tree, so everything else (footnotes,
// tables, headings, emphasis) stays exactly as the author wrote it.

import Foundation

struct DevtoBody {
    /// Path under Content/ of the post, for `.md` links relative to it.
    var contentPath: String
    /// The post's URL path on the site, e.g. `/posts/a/`.
    var pageURL: String
    var urlsByContentPath: [String: String]
    var config: SiteConfig

    func rewrite(_ body: String) -> String {
        let tree = MarkdownTree(parsing: body)
        var lines = body.components(separatedBy: "\n")
        var replacements: [Int: [String]] = [:]  // 0-based line index -> its new lines
        var codeLines: Set<Int> = []

        for node in tree.root.descendants {
            switch node.kind {
            case .codeBlock:
                let first = node.startLine - 1, last = min(node.endLine - 1, lines.count - 1)
                guard first >= 0, first <= last else { continue }
                for index in first...last { codeLines.insert(index) }
                let info = FenceInfo(node.fenceInfo)
                guard !node.fenceInfo.isEmpty else { continue }  // indented code or a bare fence: nothing to do
                let opening = lines[first]
                let fenceStart = opening.firstIndex { $0 == "`" || $0 == "~" } ?? opening.startIndex
                let prefix = String(opening[..<fenceStart])
                let fence = String(opening[fenceStart...].prefix { $0 == "`" || $0 == "~" })
                if info.language.lowercased() == "mermaid" {
                    replacements[first] = [prefix + diagramImage(node.literal)]
                    for index in (first + 1)...max(first + 1, last) where index <= last { replacements[index] = [] }
                } else if !info.attributes.isEmpty || !info.flags.isEmpty {
                    replacements[first] = [prefix + fence + info.language]
                }
            case .blockQuote:
                let first = node.startLine - 1
                guard first >= 0, first < lines.count else { continue }
                let line = lines[first]
                guard let open = line.range(of: "[!"), let close = line[open.upperBound...].firstIndex(of: "]") else { continue }
                let kind = String(line[open.upperBound..<close]).uppercased()
                guard let title = Callouts.kinds[kind],
                      line[line.index(after: close)...].trimmingWhitespace().isEmpty else { continue }
                let prefix = String(line[..<open.lowerBound])
                replacements[first] = [prefix + "**\(title)**", prefix.trimmingWhitespace()]
            default:
                break
            }
        }

        // Relative destinations become absolute wherever they are written outside code.
        var destinations: [(written: String, absolute: String)] = []
        for node in tree.root.descendants where node.kind == .link || node.kind == .image {
            if let absolute = absoluteURL(node.url), absolute != node.url { destinations.append((node.url, absolute)) }
        }
        destinations.sort { $0.written.count > $1.written.count }  // `a/b.md` before `b.md`
        for index in lines.indices where !codeLines.contains(index) && replacements[index] == nil {
            var line = lines[index]
            for (written, absolute) in destinations {
                line = line.replacingOccurrences(of: "](\(written))", with: "](\(absolute))")
                    .replacingOccurrences(of: "](\(written) ", with: "](\(absolute) ")
                    .replacingOccurrences(of: "](<\(written)>", with: "](<\(absolute)>")
                let trimmed = line.trimmingWhitespace()
                if trimmed.hasPrefix("["), let colon = trimmed.range(of: "]: ") {
                    let rest = trimmed[colon.upperBound...]
                    if rest == written || rest.hasPrefix(written + " ") {
                        line = line.replacingOccurrences(of: "]: \(written)", with: "]: \(absolute)")
                    }
                }
            }
            lines[index] = line
        }

        var out: [String] = []
        for (index, line) in lines.enumerated() { out += replacements[index] ?? [line] }
        return out.joined(separator: "\n")
    }

    /// The diagram's PNG on the site, with its description as alt text.
    private func diagramImage(_ source: String) -> String {
        guard let file = DiagramFile.make(source: source) else {
            return "*(diagram: see the original post at \(config.absoluteURL(pageURL)))*"
        }
        let alt = file.description.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
            .replacingOccurrences(of: "\n", with: " ")
        return "![\(alt)](\(config.absoluteURL(file.pngPath)))"
    }

    /// Nil for URLs that are absolute already (a scheme: https, mailto...).
    func absoluteURL(_ url: String) -> String? {
        guard !url.isEmpty, !Links.hasScheme(url) else { return nil }
        if url.hasPrefix("//") { return "https:" + url }
        let (path, anchor) = Links.split(url)
        let fragment = anchor.map { "#" + $0 } ?? ""
        if path.isEmpty { return config.absoluteURL(pageURL) + fragment }
        let decoded = path.removingPercentEncoding ?? path
        if decoded.hasSuffix(".md") && !decoded.hasPrefix("/") {
            guard let target = Links.normalize(Links.directory(of: contentPath) + decoded),
                  let targetURL = urlsByContentPath[target] else { return nil }
            return config.absoluteURL(targetURL) + fragment
        }
        if path.hasPrefix("/") { return config.absoluteURL(path) + fragment }
        let resolved = Links.normalize(pageURL + path).map { "/" + $0 + (path.hasSuffix("/") ? "/" : "") } ?? path
        return config.absoluteURL(resolved) + fragment
    }
}
