// What a theme says about its social cards (`card:` in theme.yml): the font its `social-card` template sets text
// in, and the Debian package that provides it. The engine measures titles in that font to wrap them.

public struct CardStyle: Sendable, Hashable {
    /// The SVG template (`templates/social-card.mustache`) every card is drawn from.
    static let template = "social-card"

    /// A fontconfig family name, e.g. `Inter`.
    public var font: String
    /// Where the font comes from, named in the error when it is missing, e.g. `fonts-inter`.
    public var fontPackage: String?
    /// Where `card:` is, for diagnostics about the font.
    var location: SourceLocation
    /// The text of the card template and of every partial it reaches, in the order reached: part of each
    /// card's cache key, so editing the design redraws every card and nothing else does.
    var design = ""

    /// Reads `card:` from theme.yml. A theme with a card template but no font (or the reverse) is an error: the
    /// engine cannot wrap a title without knowing the font it is set in.
    static func load(theme folder: String, files: ProjectFiles, hasTemplate: Bool,
                     into diagnostics: inout [Diagnostic]) -> CardStyle? {
        // A theme.yml that cannot be read has been reported; saying its card font is missing would add nothing.
        guard let (config, keyLines) = ThemeConfig.load(folder: folder, files: files, into: &diagnostics) else {
            return nil
        }
        let location = SourceLocation(path: "\(folder)/theme.yml", line: keyLines["card"] ?? 1, column: 1)
        guard let card = config.card else {
            if hasTemplate {
                diagnostics.append(.error(
                    "the theme has a \(template) template but theme.yml names no card font "
                        + "(add card: font: <family> and package: <debian package>)", at: location))
            }
            return nil
        }
        guard let font = card.font, !font.isEmpty else {
            diagnostics.append(.error("card: needs font: <fontconfig family>, e.g. font: Inter", at: location))
            return nil
        }
        guard hasTemplate else {
            diagnostics.append(.error(
                "theme.yml names a card font but the theme has no templates/\(template).mustache", at: location))
            return nil
        }
        return CardStyle(font: font, fontPackage: card.package, location: location,
                         design: design(folder: folder, files: files))
    }

    /// Each template once, named and length-prefixed so that no two different sets of texts read the same.
    private static func design(folder: String, files: ProjectFiles) -> String {
        var result = ""
        var seen: Set<String> = []
        var pending = [template]
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            let text = (try? files.readText("\(folder)/templates/\(name).mustache")) ?? ""
            result += "\(name.utf8.count):\(name)\(text.utf8.count):\(text)"
            pending += ThemeLoader.partialReferences(in: text).map(\.name).reversed()
        }
        return result
    }
}
