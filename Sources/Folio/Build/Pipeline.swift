// The build, as one ordered list of named steps. Each step's name appears in timings and progress output.
// Steps run on past errors where they still can, so one run reports every problem. Compose and images write each
// file into a staging folder as it is made, and `swap` puts that folder in the output folder's place, only when
// no step reported an error.
import Foundation
import Synchronization

public struct BuildOptions: Sendable {
    public var root: String
    /// Output folder, relative to the root or absolute.
    public var output: String = "public"
    public var includeDrafts = false
    /// Replaces `base_url` from site.yml (for previews and staging hosts).
    public var baseURL: String?
    /// Replaces `theme` from site.yml.
    public var theme: String?
    /// False for `folio check`: everything but writing the site.
    public var writeOutput = true
    /// `folio check`: fences in a companion's language must be includes or `illustrative`, and demos whose
    /// output posts show are run again.
    public var enforceCodePolicy = false
    /// `folio check --strict`: companion regions no post includes are errors too.
    public var strict = false
    /// Where rasterised social cards are kept between builds, relative to the root or absolute.
    public var cacheFolder = ".build/folio-cache"
    /// How companion demos run for `enforceCodePolicy`. A build and the dev server keep `.refused`: nothing
    /// written in the repository runs from them. `folio check` passes `.system`.
    public var commands = Commands.refused

    public init(root: String) { self.root = root }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Every step in order, with its time, or why it did not run.
    public var steps: [StepRecord]
    public var pagesRendered: Int
    public var filesWritten: Int
    public var outputPath: String?
    /// Social cards this build rasterised (the rest came from the cache).
    public var cardsDrawn = 0
    /// Diagram PNGs this build rasterised.
    public var diagramsDrawn = 0

    /// The steps that ran, with their times.
    public var timings: [(step: String, seconds: Double)] {
        steps.compactMap { $0.skipped == nil ? ($0.name, $0.seconds) : nil }
    }
    public var totalSeconds: Double { steps.reduce(0) { $0 + $1.seconds } }
}

/// One step of a build: how long it took, or why it was skipped.
public struct StepRecord: Sendable, Equatable {
    public var name: String
    public var seconds: Double
    /// Why the step did not run (`earlier steps reported errors`); nil when it ran.
    public var skipped: String?
}

/// What a build's steps returned, each nil when its step did not run.
struct BuildProducts: Sendable {
    var project: Project?
    var site: Site?
    var rendered: RenderedSite?
    var output: SiteOutput?
    /// The files of an in-memory build (`keepsOutput`).
    var kept: SiteInMemory?
    var filesWritten = 0
    var renderCache: RenderCache?
}

extension BuildProducts {
    /// The site's documents' Markdown texts, in the order of `site.documents`, taken out of the project and the
    /// site (each document's `body` is empty afterwards), or where to read them when load did not keep them;
    /// nil when there is no site.
    mutating func takeBodies(files: ProjectFiles) -> Bodies? {
        // Out of `self` while they change: a second reference would make each array be copied whole.
        guard var site = site.take() else { return nil }
        let bodies = Bodies(site.documents, files: files)
        for index in site.documents.indices where !site.documents[index].body.isEmpty { site.documents[index].body = "" }
        self.site = site
        if var project = project.take() {
            for index in project.content.documents.indices where !project.content.documents[index].body.isEmpty {
                project.content.documents[index].body = ""
            }
            self.project = project
        }
        return bodies
    }
}

/// Markdown texts that render takes one at a time: each held text is let go of as soon as it is taken, and a body
/// load did not keep is read again from its file, which must be the one load read.
/// `@unchecked Sendable`: `texts` and `problems` are read and written only while `lock` is held.
final class Bodies: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String]
    private let sources: [(path: String, location: BodyLocation?)]
    private let files: ProjectFiles
    private var problems: [Diagnostic] = []

    init(_ documents: [Document], files: ProjectFiles) {
        texts = documents.map(\.body)
        sources = documents.map { ($0.displayPath, $0.bodyLocation) }
        self.files = files
    }

    /// The body's UTF-8 bytes. Read again, they are not checked as UTF-8 a second time: load checked this very
    /// file (same device, inode, size and modification time), and libcmark repairs what is not UTF-8 anyway.
    func take(_ index: Int) -> [UInt8] {
        guard let location = sources[index].location else {
            return lock.withLock {
                defer { texts[index] = "" }
                return Array(texts[index].utf8)
            }
        }
        let path = sources[index].path
        let problem: Diagnostic
        do {
            // The identity is compared below: the place of the file was checked when load read it.
            let (bytes, identity) = try files.readAgain(path, from: location.offset)
            if identity == location.identity, location.offset <= identity.size { return bytes }
            problem = .error("this file changed while Folio was building the site; build again",
                             at: SourceLocation(path: path))
        } catch {
            problem = error.diagnostic
        }
        lock.withLock { problems.append(problem) }
        return []
    }

    /// Bodies that could not be read again, or whose files changed since load read them.
    var diagnostics: [Diagnostic] { lock.withLock { problems } }
}

/// The `compose` (and `images`) step's value: what went to the sink. The files themselves are in the staging
/// folder (or memory) by then.
struct SiteOutput: Sendable {
    /// Where the files went.
    var sink: any SiteSink
    /// Paths of the generated files (pages, feeds, stylesheets, diagram SVGs); copies are not listed.
    var paths: [String]
    var cardsDrawn = 0
    var diagramsDrawn = 0
}

public struct Pipeline {
    /// `endsTheProcess`: the caller exits once it has reported (`folio build`), so the build's values are left for
    /// the process's end to reclaim. Freeing a 10,000-post site's documents, routes and renderings one by one took
    /// about 30 ms on one core after the last file was written.
    public static func build(
        _ options: BuildOptions, endsTheProcess: Bool = false,
        progress: @escaping (String, Double) -> Void = { _, _ in }
    ) -> BuildReport {
        let (report, products) = run(options, progress: progress)
        if endsTheProcess { productsLeftToTheEnd.withLock { $0.append(products) } }
        return report
    }

    private static let productsLeftToTheEnd = Mutex<[BuildProducts]>([])

    /// The build, read top to bottom: each step takes what earlier steps returned. Steps run on past errors
    /// where they can (so one run reports every problem); compose, images and swap need an error-free build.
    /// A build that does not `writeOutput` keeps its files in `products.kept` when it `keepsOutput`.
    static func run(
        _ options: BuildOptions, through last: String? = nil, cache: RenderCache? = nil, keepsOutput: Bool = false,
        isCancelled: @escaping @Sendable () -> Bool = { false }, progress: @escaping (String, Double) -> Void = { _, _ in }
    ) -> (report: BuildReport, products: BuildProducts) {
        let files = ProjectFiles(root: options.root)
        var steps = StepRunner(isCancelled: isCancelled, progress: progress)
        var products = BuildProducts()
        var renderCache = cache

        // A build that keeps nothing for a next one and goes on to compose (not the dev server's, not `folio check`
        // or `export`): it holds no document's text longer than it needs it.
        let oneOff = cache == nil && last == nil
        // Nil when site.yml could not be read: nothing after load can run.
        products.project = steps.run("load", given: ()) { _, diagnostics in
            BuildSteps.load(options, files: files, parsed: cache?.parsed, keepsBodies: !oneOff, into: &diagnostics)
        } ?? nil
        // What load parsed goes to the next build with the rendered documents (the dev server keeps both).
        if let project = products.project {
            renderCache?.parsed = ParsedFiles(documents: project.content.parsed, sources: project.companions.parsed,
                                              theme: project.loadedTheme)
        }
        products.site = steps.run("resolve", given: products.project, unless: "site.yml did not load") {
            project, diagnostics in BuildSteps.resolve(project, options: options, into: &diagnostics)
        }
        // A one-off build needs each document's Markdown text only while rendering it (the dev server's cache
        // compares texts, and `folio export` reads them after "check"): load did not keep the texts, and render
        // reads each one again and lets go of it, so a large site's bodies are never all held at once.
        let bodies = oneOff ? products.takeBodies(files: files) : nil
        // Where compose (and a one-off build's render, for its posts and pages) hands each file.
        var staging: StagingFolder?
        func makeSink(into diagnostics: inout [Diagnostic]) -> (any SiteSink)? {
            if options.writeOutput {
                staging = BuildSteps.stage(options, files: files, into: &diagnostics)
                return staging
            } else if keepsOutput {
                let kept = SiteInMemory()
                products.kept = kept
                return kept
            }
            return SiteDiscarded()
        }
        var early: EarlyPages?
        let renderInputs = products.site.flatMap { site in products.project.map { (site, $0) } }
        products.rendered = steps.run("render", given: renderInputs, unless: "there is no site to render") {
            inputs, diagnostics in
            // A one-off build makes each post's and page's file as soon as it is rendered (`EarlyPages`), when
            // nothing so far stops compose from running.
            if bodies != nil, !diagnostics.hasErrors, let theme = inputs.1.theme, let sink = makeSink(into: &diagnostics) {
                let parts = PageParts(site: inputs.0, theme: theme, imageSizes: inputs.1.content.imageSizes)
                let pages = EarlyPages(parts: parts, theme: theme, sink: sink)
                do {
                    try pages.announce()
                    early = pages
                } catch {
                    diagnostics.append(error as? Diagnostic ?? .error("\(error)", at: nil))
                }
            }
            return BuildSteps.render(inputs.0, project: inputs.1, options: options, cache: &renderCache, bodies: bodies,
                                     pages: early, isCancelled: isCancelled, into: &diagnostics)
        }
        products.renderCache = renderCache
        let checkInputs = products.rendered.flatMap { rendered in products.project.map { (rendered, $0) } }
        steps.run("check", given: checkInputs, unless: "nothing was rendered") { inputs, diagnostics in
            BuildSteps.check(inputs.0, project: inputs.1, options: options, files: files, into: &diagnostics)
        }
        if last != "check" {
            let project = products.project
            let composeInputs = products.rendered.flatMap { rendered in
                project.flatMap { project in project.theme.map { (rendered, $0, project) } }
            }
            let missing = products.rendered == nil ? "nothing was rendered" : "the theme did not load"
            products.output = steps.run("compose", given: composeInputs, unless: missing,
                                        needsNoErrors: true) { inputs, diagnostics -> SiteOutput? in
                guard let sink = early?.sink ?? makeSink(into: &diagnostics) else { return nil }
                return BuildSteps.compose(inputs.0, theme: inputs.1, project: inputs.2, files: files, to: sink,
                                          early: early, cache: &renderCache, into: &diagnostics)
            } ?? nil
            // Pages made while rendering, for a build that then failed, are not the site.
            if products.output == nil { products.kept = nil }
            products.renderCache = renderCache
            let imageInputs = products.output.flatMap { output in composeInputs.map { (output, $0.0, $0.1) } }
            products.output = steps.run("images", given: imageInputs, unless: "nothing was composed",
                                        needsNoErrors: true) { inputs, diagnostics in
                BuildSteps.images(inputs.0, rendered: inputs.1, theme: inputs.2, options: options, files: files,
                                  into: &diagnostics)
            } ?? products.output
            if options.writeOutput {
                // Render may have made the staging folder (`EarlyPages`); it is the site only once compose ran.
                let composed = products.output == nil ? nil : staging
                products.filesWritten = steps.run("swap", given: composed, unless: "nothing was composed",
                                                  needsNoErrors: true) { staging, diagnostics in
                    BuildSteps.swap(staging, options: options, files: files, into: &diagnostics)
                } ?? 0
                // A build that failed after render or compose began leaves no staging folder behind.
                if products.filesWritten == 0 { staging?.discard() }
            }
        }
        let paths = products.output?.paths ?? []
        let report = BuildReport(
            diagnostics: steps.diagnostics.sortedForDisplay(), steps: steps.records,
            pagesRendered: paths.count { $0.hasSuffix(".html") }, filesWritten: products.filesWritten,
            outputPath: products.filesWritten > 0 ? files.absolute(options.output) : nil,
            cardsDrawn: products.output?.cardsDrawn ?? 0, diagramsDrawn: products.output?.diagramsDrawn ?? 0)
        return (report, products)
    }
}

/// Runs and times named steps, and records the ones that cannot run and why.
struct StepRunner {
    var isCancelled: @Sendable () -> Bool
    var progress: (String, Double) -> Void
    private(set) var records: [StepRecord] = []
    var diagnostics: [Diagnostic] = []
    private var wasCancelled = false

    init(isCancelled: @escaping @Sendable () -> Bool, progress: @escaping (String, Double) -> Void) {
        self.isCancelled = isCancelled
        self.progress = progress
    }

    /// Runs `body` on `input`, or records the step as skipped: `reason` when `input` is nil, earlier errors
    /// when the step `needsNoErrors`, or a cancel (the dev server abandons a build when a newer save arrives).
    @discardableResult
    mutating func run<Input, Output>(
        _ name: String, given input: Input?, unless reason: String = "", needsNoErrors: Bool = false,
        _ body: (Input, inout [Diagnostic]) -> Output
    ) -> Output? {
        if !wasCancelled, isCancelled() {
            wasCancelled = true
            diagnostics.append(.error("the build was cancelled before '\(name)'", at: nil))
        }
        let skipped: String? =
            wasCancelled ? "the build was cancelled"
            : input == nil ? reason
            : needsNoErrors && diagnostics.hasErrors ? "earlier steps reported errors" : nil
        guard skipped == nil, let input else {
            records.append(StepRecord(name: name, seconds: 0, skipped: skipped))
            return nil
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let output = body(input, &diagnostics)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        records.append(StepRecord(name: name, seconds: seconds))
        progress(name, seconds)
        return output
    }
}

enum BuildSteps {
    /// `parsed`: document and companion files an earlier build parsed, reused where their bytes are the same;
    /// nil for a build that keeps no cache (the bytes of every file are then not held on to).
    /// `keepsBodies` false: documents' bodies are read again when they are rendered (`Bodies`).
    static func load(_ options: BuildOptions, files: ProjectFiles, parsed: ParsedFiles? = nil, keepsBodies: Bool = true,
                     into diagnostics: inout [Diagnostic]) -> Project? {
        let loader = ContentLoader(files: files, earlier: parsed?.documents ?? [:], keepsParsed: parsed != nil,
                                   keepsBodies: keepsBodies)
        // The theme, the output folder's check and the companions need only site.yml: they are loaded on another
        // thread while the documents are read (they were a serial stretch after them). Their diagnostics follow
        // the documents', in the same order as when they ran one after the other.
        let side = Mutex<SideLoad?>(nil)
        let content = loader.load(into: &diagnostics) { config in
            var diagnostics: [Diagnostic] = []
            let themeName = options.theme ?? config?.theme ?? "default"
            let (theme, loadedTheme) = parsed == nil
                ? (ThemeLoader(files: files).load(named: themeName, into: &diagnostics), nil)
                : ThemeLoader(files: files).load(named: themeName, earlier: parsed?.theme, into: &diagnostics)
            if let style = theme?.card, let problem = SocialCards.missingFont(style) {
                diagnostics.append(problem)
            }
            if options.writeOutput {
                diagnostics += outputFolder(options, files).problems()
            }
            let companions = config?.companions.map {
                Companions.load($0, files: files, earlier: parsed.map(\.sources), into: &diagnostics)
            }
            side.withLock { $0 = SideLoad(theme: theme, loadedTheme: loadedTheme, companions: companions,
                                          diagnostics: diagnostics) }
        }
        guard let loaded = side.withLock({ $0.take() }) else { return nil }
        diagnostics += loaded.diagnostics
        guard var config = content.config else { return nil }
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        return Project(config: config, content: content, companions: loaded.companions ?? Companions(entries: []),
                       theme: loaded.theme, loadedTheme: loaded.loadedTheme)
    }

    /// What load reads beside the documents.
    private struct SideLoad: Sendable {
        var theme: Theme?
        var loadedTheme: LoadedTheme?
        var companions: Companions?
        var diagnostics: [Diagnostic]
    }

    static func resolve(_ project: Project, options: BuildOptions, into diagnostics: inout [Diagnostic]) -> Site {
        SiteResolver(includeDrafts: options.includeDrafts).resolve(project, into: &diagnostics)
    }

    /// `bodies`: the documents' texts when they were taken out of `site` (`BuildProducts.takeBodies`).
    /// `pages`: where each post's and page's file goes as soon as it is rendered, in a one-off build.
    static func render(
        _ site: Site, project: Project, options: BuildOptions, cache: inout RenderCache?, bodies: Bodies? = nil,
        pages: EarlyPages? = nil, isCancelled: @escaping @Sendable () -> Bool, into diagnostics: inout [Diagnostic]
    ) -> RenderedSite {
        var urlsByContentPath = site.urls
        // Links to drafts left out of this build still resolve to a path, so the check step can name the cause.
        for draft in site.skippedDrafts where urlsByContentPath[draft] == nil { urlsByContentPath[draft] = "/" }
        let urls = urlsByContentPath
        let imageSizes = project.content.imageSizes
        let snippets = SnippetContext(companions: project.companions, enforcePolicy: options.enforceCodePolicy)
        // Without a theme the build has failed already; documents are still rendered for their diagnostics.
        let markup = project.theme?.markup ?? .unavailable
        let keepsPlainText = project.config.search == true
        let render: @Sendable (Document, [UInt8]) -> RenderedMarkdown = { document, body in
            MarkdownRenderer(
                displayPath: document.displayPath, lineOffset: document.bodyLineOffset,
                links: LinkContext(contentPath: document.contentPath, pageURL: site.urls[document.contentPath],
                                   urlsByContentPath: urls, imageSizes: imageSizes),
                snippets: snippets, markup: markup, keepsPlainText: keepsPlainText
            ).render(bytes: isCancelled() ? [] : body)  // cancelled: the rest is skipped; `run` says so
        }
        let markdown: [RenderedMarkdown]
        if var reusable = cache {
            let shared = RenderCache.fingerprint(
                urls: urls, imageSizes: imageSizes, companions: project.companions,
                enforcePolicy: options.enforceCodePolicy, markup: markup,
                keepsPlainText: keepsPlainText)
            markdown = reusable.render(site.documents, sharedInputs: shared,
                                       pageURL: { site.urls[$0.contentPath] }, using: { render($0, Array($0.body.utf8)) })
            cache = reusable
        } else if let bodies {
            markdown = Array(site.documents.indices).parallelMap { index in
                let rendered = render(site.documents[index], bodies.take(index))
                return pages?.compose(index, rendered) ?? rendered
            }
        } else {
            markdown = site.documents.parallelMap { render($0, Array($0.body.utf8)) }
        }
        for rendering in markdown { diagnostics += rendering.diagnostics }
        if let pages { diagnostics += pages.outcome.problems }
        if let bodies { diagnostics += bodies.diagnostics }
        return RenderedSite(site: site, markdown: markdown, into: &diagnostics)
    }

    static func check(_ rendered: RenderedSite, project: Project, options: BuildOptions, files: ProjectFiles,
                      into diagnostics: inout [Diagnostic]) {
        diagnostics += LinkChecker(rendered: rendered).check()
        diagnostics += LinkChecker.checkSharedImages(rendered.site)
        guard options.enforceCodePolicy else { return }
        let markdown = rendered.documents.map(\.markdown)
        let checker = CompanionChecker(companions: project.companions, files: files, commands: options.commands)
        diagnostics += checker.checkDemos(markdown.flatMap(\.demos))
        if options.strict {
            diagnostics += checker.unusedRegions(Set(markdown.flatMap(\.snippetUses)))
        }
    }

    /// `cache`: the dev server's; pages whose context and templates are unchanged are taken from it, and it gets
    /// this build's pages.
    /// `early`: the posts and pages render made already.
    static func compose(_ rendered: RenderedSite, theme: Theme, project: Project, files: ProjectFiles,
                        to sink: any SiteSink, early: EarlyPages? = nil, cache: inout RenderCache?,
                        into diagnostics: inout [Diagnostic]) -> SiteOutput
    {
        let parts = early?.parts ?? PageParts(site: rendered.site, theme: theme, imageSizes: project.content.imageSizes)
        var composer = PageComposer(rendered: rendered, theme: theme, parts: parts)
        composer.earlier = cache?.composed
        let made = early?.outcome
        composer.composedEarly = made?.composed ?? []
        var (paths, pages) = composer.compose(to: sink, into: &diagnostics)
        paths = (made?.paths ?? []) + paths
        if let pages { cache?.composed = pages }
        var copies: [OutputFolder.Copy] = []
        // Theme assets that lead out of the project were refused when the theme was loaded; static files are
        // checked here, where they are copied.
        for asset in theme.assets {
            let source = "\(theme.folder)/assets/\(asset)"
            guard asset.hasSuffix(".css") else {
                copies.append(.init(source: files.absolute(source), destination: "assets/\(asset)"))
                continue
            }
            let css: String
            do {
                css = CSSMinifier.minify(try files.readText(source))
            } catch {
                diagnostics.append(error.diagnostic)
                continue
            }
            do {
                try sink.add(OutputFile(path: "assets/\(asset)", contents: Data(css.utf8)))
                paths.append("assets/\(asset)")
            } catch {
                diagnostics.append(error as? Diagnostic ?? .error("\(error)", at: nil))
            }
        }
        for route in rendered.routes.routes(of: .staticFile) {
            let source = "Content/static\(route.path)"
            if let problem = linkLeavingProject(source, files) {
                diagnostics.append(problem)
                continue
            }
            copies.append(.init(source: files.absolute(source), destination: route.file))
        }
        sink.add(copies, into: &diagnostics)
        return SiteOutput(sink: sink, paths: paths)
    }

    /// Rasterising: social cards and diagram PNGs, each taken from the cache when its SVG is unchanged.
    static func images(_ output: SiteOutput, rendered: RenderedSite, theme: Theme, options: BuildOptions,
                       files: ProjectFiles, into diagnostics: inout [Diagnostic]) -> SiteOutput {
        var output = output
        let cache = files.absolute(options.cacheFolder)
        if let style = theme.card {
            let outcome = SocialCards(site: rendered.site, theme: theme, style: style, cacheFolder: cache + "/cards")
                .render()
            output.sink.add(outcome.copies, into: &diagnostics)
            output.cardsDrawn = outcome.rasterised
            diagnostics += outcome.diagnostics
        }
        let diagrams = DiagramImages(rendered: rendered.documents.map(\.markdown), cacheFolder: cache + "/diagrams")
            .renderPNGs()
        output.sink.add(diagrams.copies, into: &diagnostics)
        output.diagramsDrawn = diagrams.drawn
        diagnostics += diagrams.diagnostics
        return output
    }

    /// A copied file must not be a symbolic link (or lie below one) leading out of the project: the site would
    /// publish, and the dev server would serve, whatever it points at.
    private static func linkLeavingProject(_ relative: String, _ files: ProjectFiles) -> Diagnostic? {
        guard let target = files.resolvedOutsideRoot(relative) else { return nil }
        return .error("\(relative) is a symbolic link to \(target), outside the project; Folio does not copy it. "
                          + "Copy the file into the project instead", at: SourceLocation(path: relative))
    }

    /// The staging folder compose writes into; nil, with the reason in `diagnostics`, when it cannot be made.
    static func stage(_ options: BuildOptions, files: ProjectFiles, into diagnostics: inout [Diagnostic])
        -> StagingFolder?
    {
        do {
            return try outputFolder(options, files).stage()
        } catch {
            diagnostics.append(writeFailure(error, options))
            return nil
        }
    }

    /// The finished staging folder in the output folder's place. Returns the number of files in the site.
    static func swap(_ staging: StagingFolder, options: BuildOptions, files: ProjectFiles,
                     into diagnostics: inout [Diagnostic]) -> Int {
        do {
            return try outputFolder(options, files).publish(staging)
        } catch {
            diagnostics.append(writeFailure(error, options))
            return 0
        }
    }

    private static func writeFailure(_ error: any Error, _ options: BuildOptions) -> Diagnostic {
        error as? Diagnostic ?? .error("could not write the site: \(describeFileError(error))",
                                       at: SourceLocation(path: options.output))
    }

    private static func outputFolder(_ options: BuildOptions, _ files: ProjectFiles) -> OutputFolder {
        OutputFolder(path: files.absolute(options.output),
                     displayPath: files.display(files.absolute(options.output)))
    }
}
