// One social card: what it shows (a page's title, its series and part, the author, the site), laid out and
// drawn from the theme's `social-card` SVG template. What it shows, with the theme's design, is its identity in
// the cache (CardCache), so a card whose inputs did not change is never laid out or rasterised again.

struct SocialCard: Sendable {
    /// Path in the site, e.g. `/cards/posts/a.png`.
    var path: String
    var title: String
    /// A line above the title: `Part 2 of 5 · Series title`, `Series · 4 parts`.
    var eyebrow: String?
    var siteTitle: String
    /// Nil when it would repeat the site title (a personal site named after its author).
    var author: String?
    /// The site's host name, shown in a corner.
    var host: String

    /// What `og:image:alt` says: the card's text, in reading order.
    var alt: String {
        ([title] + (eyebrow.map { [$0] } ?? []) + [siteTitle]).joined(separator: " · ")
    }

    /// The card as SVG, from the theme's template with the title wrapped to fit.
    func svg(theme: Theme, style: CardStyle) throws(Diagnostic) -> String {
        let layout = CardLayout(font: style.font)
        let context = CardContext(
            font: style.font, siteTitle: layout.ellipsised(siteTitle, size: 30, bold: true),
            eyebrow: eyebrow.map { layout.ellipsised($0, size: 30, bold: true) },
            title: layout.fitTitle(title),
            author: author.map { layout.ellipsised($0, size: 28, bold: false) },
            host: host)
        return try theme.render(context, template: CardStyle.template)
    }
}

/// What the `social-card` template may use.
struct CardContext: TemplateRepresentable {
    struct Line: TemplateRepresentable {
        var text: String
        var baseline: Double

        var templateData: TemplateData? { nil }

        func field(_ key: FieldKey) -> TemplateData {
            switch key.text {
            case "text": .text(text)
            case "baseline": .text(CardContext.number(baseline))
            default: .absent
            }
        }
    }

    var font: String
    var siteTitle: String
    var eyebrow: String?
    var title: CardLayout.Title
    var author: String?
    var host: String

    var templateData: TemplateData? { nil }

    func field(_ key: FieldKey) -> TemplateData {
        switch key.text {
        case "width": .number(CardLayout.width)
        case "height": .number(CardLayout.height)
        case "margin": .number(CardLayout.margin)
        case "right": .number(CardLayout.width - CardLayout.margin)
        case "barY": .number(CardLayout.height - 14)
        case "font": .text(font)
        case "siteTitle": .text(siteTitle)
        case "eyebrow": TemplateData(eyebrow)
        case "titleSize": .text(Self.number(title.size))
        case "titleLines": .list(zip(title.lines, title.baselines).map { Line(text: $0, baseline: $1) })
        case "author": TemplateData(author)
        case "host": .text(host)
        default: .absent
        }
    }

    /// Coordinates with at most one decimal, so the SVG (and its digest) is the same on every machine.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
