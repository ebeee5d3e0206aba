// The `cards` step's work: a social card for every post, series page and the home page, rasterised by librsvg
// into a cache folder outside the site (a card whose inputs are unchanged is taken from there, see CardCache),
// then linked or copied into the site like a static file.
import Foundation

struct SocialCards {
    var site: Site
    var theme: Theme
    var style: CardStyle
    /// Absolute folder the PNGs are cached in, e.g. `<root>/.build/folio-cache/cards`.
    var cacheFolder: String

    func cards() -> [SocialCard] { Self.describe(site) }

    /// The cards `site.cardPaths` promises, with what each one shows.
    static func describe(_ site: Site) -> [SocialCard] {
        let config = site.config
        let host = URL(string: config.normalizedBaseURL)?.host ?? config.normalizedBaseURL
        let author = showsSameName(config.author.name, config.title) ? nil : config.author.name
        func card(_ path: String, _ title: String, _ eyebrow: String?) -> SocialCard {
            SocialCard(path: path, title: title, eyebrow: eyebrow, siteTitle: config.title, author: author, host: host)
        }
        let paths = site.cardPaths
        var result: [SocialCard] = []
        if let home = paths["/"] { result.append(card(home, config.tagline ?? config.title, nil)) }
        for index in site.postIndices {
            let document = site.documents[index]
            guard let url = site.urls[document.contentPath], let path = paths[url] else { continue }
            let eyebrow = site.seriesMembership(of: index).map {
                "Part \($0.position + 1) of \($0.series.parts.count) · \($0.series.config.title)"
            }
            result.append(card(path, document.title, eyebrow))
        }
        for series in site.series {
            guard let path = paths[series.url] else { continue }
            let parts = series.parts.count == 1 ? "1 part" : "\(series.parts.count) parts"
            result.append(card(path, series.config.title, "Series · \(parts)"))
        }
        return result
    }

    /// True when two names read the same on a card: a site called after its author names them once.
    static func showsSameName(_ first: String, _ second: String) -> Bool {
        func normalised(_ name: String) -> String {
            name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        }
        return normalised(first) == normalised(second)
    }

    struct Outcome {
        var copies: [OutputFolder.Copy] = []
        var rasterised = 0
        var diagnostics: [Diagnostic] = []
    }

    /// Draws every card that is not cached yet, on all cores. A cached card costs a key, a lookup in the
    /// manifest (read once) and a check that its PNG is still there: no layout, no template, no SVG.
    func render() -> Outcome {
        var outcome = Outcome()
        do {
            try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        } catch {
            outcome.diagnostics.append(.error("could not create the card cache folder: \(error.localizedDescription)",
                                              at: SourceLocation(path: cacheFolder)))
            return outcome
        }
        let cache = CardCache(folder: cacheFolder)
        let cards = cards()
        let styleKey = CardCache.styleKey(style)
        let keys = cards.map { CardCache.key(for: $0, style: styleKey) }
        let manifest = cache.readManifest(style: styleKey)
        let names = CardCache.names(for: keys, taken: manifest)
        // One drawing per distinct key: two pages that show the same card share its PNG.
        var firstUse: [String: Int] = [:]
        for index in cards.indices where firstUse[names[index]] == nil { firstUse[names[index]] = index }
        let distinct = firstUse.values.sorted()
        let drawn = distinct.parallelMap { [theme, style] index -> (name: String, drawn: Bool, problem: String?) in
            let name = names[index]
            if manifest[name] == keys[index], cache.hasPNG(named: name) { return (name, false, nil) }
            let card = cards[index]
            do {
                let png = try SVGRasteriser.png(card.svg(theme: theme, style: style), width: CardLayout.width,
                                                height: CardLayout.height, opaque: true)
                try cache.storePNG(png, named: name)
                return (name, true, nil)
            } catch {
                return (name, true, "could not draw the social card \(card.path): \(error)")
            }
        }
        var failed: Set<String> = []
        var entries: [String: CardCache.Key] = [:]
        for (index, result) in zip(distinct, drawn) {
            if let problem = result.problem {
                failed.insert(result.name)
                outcome.diagnostics.append(.error(problem, at: SourceLocation(
                    path: "\(theme.folder)/templates/\(CardStyle.template).mustache")))
                continue
            }
            if result.drawn { outcome.rasterised += 1 }
            entries[result.name] = keys[index]
        }
        // The manifest holds this build's cards; unchanged, it is not written at all (a warm build writes nothing).
        if outcome.rasterised > 0 || entries.count != manifest.count {
            do {
                try cache.writeManifest(entries)
            } catch {
                outcome.diagnostics.append(.warning(
                    "could not write the card cache manifest (the next build draws every card again): \(error)",
                    at: SourceLocation(path: cache.manifestPath)))
            }
        }
        for (card, name) in zip(cards, names) where !failed.contains(name) {
            outcome.copies.append(OutputFolder.Copy(source: cache.png(named: name),
                                                    destination: String(card.path.dropFirst()), linkable: true))
        }
        return outcome
    }

    /// The error when the card font is not installed: fontconfig would hand librsvg a substitute silently.
    static func missingFont(_ style: CardStyle) -> Diagnostic? {
        guard !SVGRasteriser.isFontInstalled(style.font) else { return nil }
        var message = "the social card font '\(style.font)' is not installed (fontconfig has no such family)"
        if let package = style.fontPackage { message += "; install the Debian package \(package) (make deps does)" }
        return .error(message, at: style.location)
    }
}
