// Where social cards live: one route table read by resolve (known paths), compose (og:image) and the card step.

extension Site {
    /// Card paths in the site (`/cards/posts/a.png`) by the URL of the page they show: the newest posts
    /// (`cards: newest:` in site.yml), every series page and the home page. Empty when the theme draws no cards.
    /// Other pages, older posts among them, share the home page's card.
    public var cardPaths: [String: String] {
        guard hasCards else { return [:] }
        var paths = ["/": "/cards/home.png"]
        let newest = (config.cards ?? CardsConfig()).newest ?? postIndices.count
        for index in postIndices.prefix(newest) {
            let document = documents[index]
            if let url = urls[document.contentPath] { paths[url] = "/cards/posts/\(document.slug).png" }
        }
        for entry in series { paths[entry.url] = "/cards/series/\(entry.slug).png" }
        return paths
    }

    /// The card a page shares: its own, or the home page's.
    public func cardPath(forPage url: String) -> String? {
        let paths = cardPaths
        return paths[url] ?? paths["/"]
    }
}
