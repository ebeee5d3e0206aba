// The `load` step: reads `Content/` into typed values. Problems become diagnostics; loading goes on past them
// so one run reports everything.
import Foundation

public struct LoadedContent: Sendable {
    public var config: SiteConfig?
    public var series: [SeriesSource]
    public var documents: [Document]
    /// Files under `Content/static/`, copied to the site root as they are.
    public var staticFiles: [String]
    /// Sizes of the images among them, by site path (`/images/a.png`), for `<img width height>`.
    public var imageSizes: [String: ImageSize] = [:]
    /// Every document file as read and parsed, by display path: the next build of the same process (the dev
    /// server's) reuses what it holds for files whose bytes did not change.
    var parsed: [String: ParsedDocument] = [:]
}

/// One document file's bytes and what parsing them gave: the document (nil when it could not be made) and the
/// problems found. Parsing depends on nothing but the bytes and the path, so equal bytes give equal results.
struct ParsedDocument: Sendable {
    var bytes: Data
    var document: Document?
    var diagnostics: [Diagnostic]
}

public struct SeriesSource: Sendable {
    /// Folder name under `Content/series/`, also the series' URL slug.
    public var slug: String
    public var config: SeriesConfig
    public var displayPath: String
}

struct ContentLoader {
    var files: ProjectFiles
    /// What an earlier build parsed (`LoadedContent.parsed`); empty for a build on its own.
    var earlier: [String: ParsedDocument] = [:]
    /// Whether `LoadedContent.parsed` is filled in: only for a build whose caches are kept.
    var keepsParsed = false
    /// Whether each document's body is kept in `Document.body`. A one-off build keeps only where it is
    /// (`Document.bodyLocation`) and reads it again to render it, so the site's texts are never all held at once.
    var keepsBodies = true

    static let contentFolder = "Content"

    /// `alongside`: work that needs only the site's configuration (the theme, the companions), run on another
    /// thread while the documents are read; `load` returns when it has finished too.
    func load(into diagnostics: inout [Diagnostic], alongside: (@Sendable (SiteConfig?) -> Void)? = nil)
        -> LoadedContent
    {
        let config = loadSiteConfig(into: &diagnostics)
        let sideWork = DispatchGroup()
        if let alongside { DispatchQueue.global().async(group: sideWork) { alongside(config) } }
        defer { sideWork.wait() }
        var series: [SeriesSource] = []
        var sources: [(path: String, kind: Document.Kind, seriesFolder: String?)] = []

        for name in files.list("Content/pages") where name.hasSuffix(".md") {
            sources.append(("pages/\(name)", .page, nil))
        }
        for name in files.list("Content/posts") where name.hasSuffix(".md") {
            sources.append(("posts/\(name)", .post, nil))
        }
        for folder in files.list("Content/series") where files.isDirectory("Content/series/\(folder)") {
            if let loaded = loadSeriesConfig(folder, into: &diagnostics) { series.append(loaded) }
            for name in files.list("Content/series/\(folder)") where name.hasSuffix(".md") {
                sources.append(("series/\(folder)/\(name)", .post, folder))
            }
        }

        let results = sources.parallelMap { source in
            reading(source.path, kind: source.kind, seriesFolder: source.seriesFolder)
        }
        var documents: [Document] = []
        var parsed: [String: ParsedDocument] = [:]
        for (source, result) in zip(sources, results) {
            switch result {
            case .success(let file):
                diagnostics += file.diagnostics
                if let document = file.document { documents.append(document) }
                if keepsParsed { parsed["Content/\(source.path)"] = file }
            case .failure(let problem):
                diagnostics.append(problem.diagnostic)
            }
        }
        let staticListing = files.isDirectory("Content/static") ? files.listing(in: "Content/static") : .init()
        let staticFiles = staticListing.files
        diagnostics += staticListing.linkedFolders.map { Self.folderLinkWarning("Content/static/\($0)") }
        var content = LoadedContent(config: config, series: series, documents: documents, staticFiles: staticFiles)
        content.imageSizes = readImageSizes(staticFiles, into: &diagnostics)
        content.parsed = parsed
        return content
    }

    /// Folders linked in are not followed (they could lead anywhere on the machine); saying so beats a
    /// folder that silently never appears on the site.
    static func folderLinkWarning(_ path: String) -> Diagnostic {
        .warning("\(path) is a symbolic link to a folder; Folio does not follow folder links, so nothing in it is "
                     + "published. Copy the folder into the project instead", at: SourceLocation(path: path))
    }

    private func readImageSizes(_ staticFiles: [String], into diagnostics: inout [Diagnostic]) -> [String: ImageSize] {
        let images = staticFiles.filter(ImageSize.isImage)
        let sizes = images.parallelMap { file in
            (try? files.readData("Content/static/\(file)", upTo: ImageSize.headerBytes)).flatMap(ImageSize.read)
        }
        var result: [String: ImageSize] = [:]
        for (file, size) in zip(images, sizes) {
            if let size {
                result["/\(file)"] = size
            } else {
                diagnostics.append(.warning(
                    "could not read this image's width and height; pages showing it will shift as it loads "
                        + "(is it a valid PNG, GIF, JPEG, WebP, or an SVG with width/height or a viewBox?)",
                    at: SourceLocation(path: "Content/static/\(file)")))
            }
        }
        return result
    }

    private func loadSiteConfig(into diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let path = "Content/site.yml"
        let text: String
        do {
            text = try files.readText(path)
        } catch {
            diagnostics.append(files.exists(path) ? error.diagnostic : .error(
                "missing \(path): every site needs a title, an author and a base_url", at: SourceLocation(path: path)))
            return nil
        }
        return YAMLDecoding(path: path, what: "site.yml").decode(SiteConfig.self, from: text, into: &diagnostics)
    }

    private func loadSeriesConfig(_ folder: String, into diagnostics: inout [Diagnostic]) -> SeriesSource? {
        let path = "Content/series/\(folder)/series.yml"
        let text: String
        do {
            text = try files.readText(path)
        } catch {
            diagnostics.append(files.exists(path) ? error.diagnostic : .error(
                "series folder '\(folder)' has no series.yml (it needs at least a title)",
                at: SourceLocation(path: "Content/series/\(folder)")))
            return nil
        }
        guard let config = YAMLDecoding(path: path, what: "series.yml")
            .decode(SeriesConfig.self, from: text, into: &diagnostics)
        else { return nil }
        return SeriesSource(slug: folder, config: config, displayPath: path)
    }

    /// Reads and parses one document file, or takes the earlier build's result when the bytes are the same.
    /// A file that cannot be read is never kept: the next build tries it again.
    private func reading(_ contentPath: String, kind: Document.Kind, seriesFolder: String?)
        -> Result<ParsedDocument, FileProblem>
    {
        let displayPath = "Content/\(contentPath)"
        let bytes: Data, identity: FileIdentity
        var text: String?  // nil: only the front matter is decoded (`keepsBodies` false)
        var forbidden: ForbiddenCharacter??  // nil: not looked for yet
        do {
            (bytes, identity) = try files.readDataAndIdentity(displayPath)
            if let earlier = earlier[displayPath], earlier.bytes == bytes { return .success(earlier) }
            // One pass for UTF-8 and forbidden characters; the error for a file that is not UTF-8 is worded where
            // every file's is.
            switch DocumentBytes.scan(bytes) {
            case .invalidUTF8:
                text = try files.text(of: bytes, readFrom: displayPath)
            case .valid(let found):
                if keepsBodies { text = String(decoding: bytes, as: UTF8.self) }
                forbidden = .some(found.map { found in
                    let (line, column) = DocumentBytes.position(of: found.offset, in: bytes)
                    return (line, column, found.scalar)
                })
            }
        } catch {
            return .failure(error)
        }
        var diagnostics: [Diagnostic] = []
        var document: Document?
        if let text {
            document = Self.parseDocument(
                text: text, contentPath: contentPath, displayPath: displayPath, kind: kind, seriesFolder: seriesFolder,
                forbidden: forbidden, into: &diagnostics)
        } else {
            let split = FrontMatterSplitter.frontMatter(of: bytes)
            document = Self.parseDocument(
                split.map(\.parts), text: nil, contentPath: contentPath, displayPath: displayPath, kind: kind,
                seriesFolder: seriesFolder, forbidden: forbidden, into: &diagnostics)
            if case .success(let found) = split {
                document?.bodyLocation = BodyLocation(identity: identity, offset: found.bodyOffset)
            }
        }
        // A build on its own does not hold a second copy of every file.
        return .success(ParsedDocument(bytes: keepsParsed ? bytes : Data(), document: document,
                                       diagnostics: diagnostics))
    }

    typealias ForbiddenCharacter = (line: Int, column: Int, scalar: Unicode.Scalar)

    /// `forbidden`: the first character XML forbids in `text`, when the caller looked for it already.
    static func parseDocument(
        text: String, contentPath: String, displayPath: String, kind: Document.Kind, seriesFolder: String?,
        forbidden: ForbiddenCharacter?? = nil, into diagnostics: inout [Diagnostic]
    ) -> Document? {
        parseDocument(FrontMatterSplitter.split(text), text: text, contentPath: contentPath, displayPath: displayPath,
                      kind: kind, seriesFolder: seriesFolder, forbidden: forbidden, into: &diagnostics)
    }

    /// `text`: the whole file, or nil when `forbidden` was looked for already and the body is not kept.
    private static func parseDocument(
        _ split: Result<FrontMatterSplitter.Parts, FrontMatterSplitter.SplitError>, text: String?,
        contentPath: String, displayPath: String, kind: Document.Kind, seriesFolder: String?,
        forbidden: ForbiddenCharacter??, into diagnostics: inout [Diagnostic]
    ) -> Document? {
        let parts: FrontMatterSplitter.Parts
        switch split {
        case .success(let split): parts = split
        case .failure:
            diagnostics.append(.error("front matter is not closed: add a line '---' after it",
                                      at: SourceLocation(path: displayPath)))
            return nil
        }
        guard let yaml = parts.yaml else {
            diagnostics.append(.error("missing front matter: start the file with '---', a 'title:' line and '---'",
                                      at: SourceLocation(path: displayPath)))
            return nil
        }
        if let forbidden = forbidden ?? text.flatMap(XMLCharacters.firstForbidden) {
            let code = String(forbidden.scalar.value, radix: 16, uppercase: true)
            let name = "control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)"
            let location = SourceLocation(path: displayPath, line: forbidden.line, column: forbidden.column)
            // YAML rejects them too, with a message about its reader: say it in words, at the character.
            if forbidden.line <= parts.bodyLineOffset {
                diagnostics.append(.error(
                    "\(name) is not allowed in front matter (YAML and XML forbid it; delete it: it is invisible here)",
                    at: location))
                return nil
            }
            diagnostics.append(.warning(
                "\(name) is not allowed in XML; it is left out of feed.xml (delete it: it is invisible here)", at: location))
        }
        let decoding = YAMLDecoding(path: displayPath, firstLine: 2, what: "front matter")
        var keyLines: [String: Int] = [:]
        guard let decoded = decoding.decode(FrontMatter.self, from: yaml, keyLines: &keyLines, into: &diagnostics)
        else { return nil }
        let frontMatter = FrontMatterChecks.checked(
            decoded, displayPath: displayPath, keyLines: keyLines, into: &diagnostics)
        let fileName = String(contentPath.split(separator: "/").last ?? "")
        let stem = String(fileName.dropLast(3))
        let (number, baseName) = splitNumberPrefix(stem)

        if frontMatter.title.trimmingWhitespace().isEmpty {
            diagnostics.append(.error("'title' must not be empty",
                                      at: SourceLocation(path: displayPath, line: keyLines["title"] ?? 1)))
        }
        if let slug = frontMatter.slug, slug != Slug.make(slug) {
            diagnostics.append(.error(
                "slug '\(slug)' may use only lowercase letters, digits and single hyphens (try '\(Slug.make(slug))')",
                at: SourceLocation(path: displayPath, line: keyLines["slug"] ?? 1, column: 1)))
        }
        return Document(
            kind: kind, contentPath: contentPath, displayPath: displayPath, frontMatter: frontMatter, body: parts.body,
            bodyLineOffset: parts.bodyLineOffset, keyLines: keyLines, seriesFolder: seriesFolder, fileNumber: number,
            baseName: Slug.make(baseName).isEmpty ? "untitled" : Slug.make(baseName))
    }

    /// `02-retries` -> (2, "retries"); `retries` -> (nil, "retries").
    static func splitNumberPrefix(_ stem: String) -> (Int?, String) {
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < stem.count else { return (nil, stem) }
        let rest = stem.dropFirst(digits.count)
        guard let separator = rest.first, separator == "-" || separator == "_" else { return (nil, stem) }
        return (Int(digits), String(rest.dropFirst()))
    }
}
