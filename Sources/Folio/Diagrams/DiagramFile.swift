// A diagram as files a reader can download: a standalone SVG (light colours inlined, fonts named, ids of its
// own) and, drawn later by the images step, a PNG at twice its size. Named by a digest of the Mermaid source,
// so a link to a diagram keeps working for as long as the diagram does not change.

public struct DiagramFile: Sendable, Hashable {
    /// 16 hex digits of the source's digest: `/diagrams/<name>.svg` and `.png`.
    public var name: String
    /// The standalone SVG document.
    public var svg: String
    /// Size of the SVG in CSS pixels (the PNG is twice that).
    public var width: Double
    public var height: Double
    /// The diagram's `<desc>` (or `<title>`), as plain text: alt text where the PNG stands in for it.
    public var description: String

    public var svgPath: String { "/diagrams/\(name).svg" }
    public var pngPath: String { "/diagrams/\(name).png" }
    /// The PNG's pixel scale.
    static let pngScale = 2.0

    /// Draws `source` again with ids derived from its digest: the inline copy's ids are page-specific, and the
    /// file must be the same whichever page it was found on. Nil when the diagram does not draw.
    static func make(source: String) -> DiagramFile? {
        let name = StableDigest.hex(source)
        guard let rendered = try? Diagram.render(source, idPrefix: "d" + name.prefix(8)) else { return nil }
        let svg = rendered.svg
        guard let width = attribute("width", in: svg).flatMap(Double.init),
              let height = attribute("height", in: svg).flatMap(Double.init) else { return nil }
        let description = element("desc", in: svg) ?? element("title", in: svg) ?? "Diagram"
        return DiagramFile(name: name, svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n",
                           width: width, height: height, description: description)
    }

    /// An attribute of the root `<svg>` element (which Folio's writers always give width and height).
    private static func attribute(_ name: String, in svg: String) -> String? {
        guard let tagEnd = svg.firstIndex(of: ">") else { return nil }
        let tag = svg[..<tagEnd]
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    private static func element(_ name: String, in svg: String) -> String? {
        guard let open = svg.range(of: "<\(name) "), let openEnd = svg[open.upperBound...].firstIndex(of: ">"),
              let close = svg[openEnd...].range(of: "</\(name)>") else { return nil }
        let text = HTML.decodeBasicEntities(String(svg[svg.index(after: openEnd)..<close.lowerBound]))
        return text.isEmpty ? nil : text
    }
}
