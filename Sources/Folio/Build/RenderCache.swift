// Rendered Markdown kept between builds of one process (`folio serve`): a document whose text and whose render
// inputs did not change is not parsed, highlighted or drawn again. It also carries the files the load step
// parsed, so unchanged front matter and companion sources are not decoded again either.
import Foundation
import Synchronization

/// Files the load step read and parsed, by display path, with their bytes (`ContentLoader`, `Companions`).
struct ParsedFiles: Sendable {
    var documents: [String: ParsedDocument] = [:]
    var sources: [String: ParsedSource] = [:]
    var theme: LoadedTheme?
}

public struct RenderCache: Sendable {
    /// What one document's rendering reads of its own, its text by a digest of its UTF-8 bytes. (Hashing the
    /// `String` itself would normalise Unicode on every build: seconds for a large site.)
    struct Key: Hashable, Sendable {
        var contentPath: String
        var displayPath: String
        var lineOffset: Int
        var pageURL: String?
        var bodyDigest: Int
    }

    /// A digest is not proof: a hit also needs the very same bytes, so a collision cannot serve a stale page.
    struct Entry: Sendable {
        var body: String
        var rendered: RenderedMarkdown
    }

    /// Fingerprint of what every document's rendering reads: every document's URL (links), every companion's
    /// parsed sources (snippet includes, demos), the code-block policy and the theme's markup partials. When it changes, nothing is reused.
    private var sharedInputs: Int?
    private var entries: [Key: Entry] = [:]
    /// What the load step parsed: replaced by each build that loads.
    var parsed = ParsedFiles()
    /// What the compose step made, for the next build to reuse: replaced by each build that composes.
    var composed = ComposedPages()
    /// Pages the last build that composed took from the one before.
    public var pagesReused: Int { composed.reused }
    /// Pages that build composed with digests, reused ones included.
    public var pagesComposed: Int { composed.pages.count }
    /// Documents the last build took from the cache, and documents it rendered.
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init() {}

    /// Renders `documents` in parallel, reusing what an earlier build rendered from the same inputs. Entries of
    /// documents this build did not render are dropped, so the cache never outgrows the site.
    mutating func render(
        _ documents: [Document], sharedInputs: Int, pageURL: (Document) -> String?,
        using render: @Sendable (Document) -> RenderedMarkdown
    ) -> [RenderedMarkdown] {
        if self.sharedInputs != sharedInputs { entries = [:] }
        self.sharedInputs = sharedInputs
        let keys = documents.map {
            Key(contentPath: $0.contentPath, displayPath: $0.displayPath, lineOffset: $0.bodyLineOffset,
                pageURL: pageURL($0), bodyDigest: Self.digest($0.body))
        }
        var kept: [Key: Entry] = [:]
        var missing: [Int] = []
        for (index, key) in keys.enumerated() {
            if let entry = entries[key], Self.sameBytes(entry.body, documents[index].body) {
                kept[key] = entry
            } else {
                missing.append(index)
            }
        }
        let fresh = missing.map { documents[$0] }.parallelMap(render)
        for (index, rendered) in zip(missing, fresh) {
            var rendered = rendered
            rendered.stamp = Self.renderings.wrappingAdd(1, ordering: .relaxed).newValue
            kept[keys[index]] = Entry(body: documents[index].body, rendered: rendered)
        }
        entries = kept
        hits = documents.count - missing.count
        misses = missing.count
        return keys.map { kept[$0]!.rendered }
    }

    /// A body is compared as bytes: `elementsEqual` over two UTF-8 views goes byte by byte through iterators.
    private static func sameBytes(_ one: String, _ other: String) -> Bool {
        var one = one, other = other
        return one.withUTF8 { a in
            other.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    /// Renderings made in this process, for `RenderedMarkdown.stamp`.
    private static let renderings = Atomic<Int>(0)

    private static func digest(_ text: String) -> Int {
        var hasher = Hasher()
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Hashes what every document's rendering depends on besides its own text; see `sharedInputs`.
    static func fingerprint(urls: [String: String], imageSizes: [String: ImageSize], companions: Companions,
                            enforcePolicy: Bool, markup: MarkupTemplates, keepsPlainText: Bool) -> Int {
        var hasher = Hasher()
        hasher.combine(enforcePolicy)
        hasher.combine(keepsPlainText)
        // The theme's markup partials write part of every document's HTML.
        hasher.combine(markup.fingerprint)
        for (path, size) in imageSizes.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(size)
        }
        for (path, url) in urls.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(url)
        }
        for entry in companions.entries {
            hasher.combine(entry.config)
            hasher.combine(entry.demoNames.sorted())
            for (path, file) in entry.files.sorted(by: { $0.key < $1.key }) {
                hasher.combine(path)
                hasher.combine(file.wholeFile)
                hasher.combine(file.diagnostics)
                for (name, region) in file.regions.sorted(by: { $0.key < $1.key }) {
                    hasher.combine(name)
                    hasher.combine(region.markerLine)
                    hasher.combine(region.lines)
                    hasher.combine(region.firstLine)
                    hasher.combine(region.lastLine)
                }
            }
        }
        return hasher.finalize()
    }
}
