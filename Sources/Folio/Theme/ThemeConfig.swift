// `theme.yml`: what a theme says about itself. Read like site.yml (the project's YAML limits, typed values,
// unknown keys warned about), so a malformed file is a located error, not a theme that silently draws no cards.

struct ThemeConfig: Decodable, YAMLKeyed {
    struct Card: Decodable {
        var font: String?
        var package: String?
    }

    var name: String?
    var description: String?
    /// The social cards' font; see `CardStyle`.
    var card: Card?

    static let knownKeys = ["name", "description", "card"]
    static let nestedKnownKeys = ["card": ["font", "package"]]

    /// The theme.yml of the theme in `folder`, with the line of each top-level key. A theme without the file has
    /// an empty configuration; nil when the file is there but cannot be used (the diagnostics say why).
    static func load(folder: String, files: ProjectFiles, into diagnostics: inout [Diagnostic])
        -> (config: ThemeConfig, keyLines: [String: Int])?
    {
        let path = "\(folder)/theme.yml"
        guard files.exists(path) else { return (ThemeConfig(), [:]) }
        let text: String
        do {
            text = try files.readText(path)
        } catch {
            diagnostics.append(error.diagnostic)
            return nil
        }
        var keyLines: [String: Int] = [:]
        guard let config = YAMLDecoding(path: path, what: "theme.yml")
            .decode(ThemeConfig.self, from: text, keyLines: &keyLines, into: &diagnostics)
        else { return nil }
        return (config, keyLines)
    }
}
