// The build, as one ordered list of named steps. Each step's name appears in timings and progress output.
// Steps run on past errors where they still can, so one run reports every problem; only `emit` writes, and
// only when no step reported an error.
import Foundation

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

    public init(root: String) { self.root = root }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var timings: [(step: String, seconds: Double)]
    public var pagesRendered: Int
    public var filesWritten: Int
    public var outputPath: String?
    /// Social cards this build rasterised (the rest came from the cache).
    public var cardsDrawn = 0
    /// Diagram PNGs this build rasterised.
    public var diagramsDrawn = 0
    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}

/// Everything the steps hand each other. Each step reads what earlier steps produced.
struct BuildState {
    var options: BuildOptions
    var files: ProjectFiles
    var diagnostics: [Diagnostic] = []
    var content: LoadedContent?
    var companions = Companions(entries: [])
    var theme: Theme?
    var site: Site?
    var rendered: [RenderedMarkdown] = []
    var pages: [OutputFile] = []
    var copies: [OutputFolder.Copy] = []
    var filesWritten = 0
    var cardsDrawn = 0
    var diagramsDrawn = 0
    /// Set by `Pipeline.buildInMemory`: documents rendered by an earlier build of the same process.
    var renderCache: RenderCache?
    /// Set by `Pipeline.buildInMemory`: the dev server abandons a build when a newer save arrives. Checked
    /// between steps and before each document, so a build stops at the next of those; the result is not used.
    var isCancelled: @Sendable () -> Bool = { false }
}

public struct Pipeline {
    struct Step: Sendable {
        var name: String
        var run: @Sendable (inout BuildState) -> Void
    }

    /// The build, read top to bottom.
    static let steps: [Step] = [
        Step(name: "load", run: BuildSteps.load),
        Step(name: "resolve", run: BuildSteps.resolve),
        Step(name: "render", run: BuildSteps.render),
        Step(name: "check", run: BuildSteps.check),
        Step(name: "compose", run: BuildSteps.compose),
        Step(name: "images", run: BuildSteps.images),
        Step(name: "emit", run: BuildSteps.emit),
    ]

    public static func build(_ options: BuildOptions, progress: (String, Double) -> Void = { _, _ in }) -> BuildReport {
        var state = BuildState(options: options, files: ProjectFiles(root: options.root))
        return run(&state, progress: progress)
    }

    static func run(_ state: inout BuildState, progress: (String, Double) -> Void) -> BuildReport {
        let options = state.options
        var timings: [(String, Double)] = []
        for step in steps {
            if state.isCancelled() {
                state.diagnostics.append(.error("the build was cancelled before '\(step.name)'", at: nil))
                break
            }
            let start = DispatchTime.now().uptimeNanoseconds
            step.run(&state)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timings.append((step.name, seconds))
            progress(step.name, seconds)
        }
        return BuildReport(
            diagnostics: state.diagnostics.sortedForDisplay(), timings: timings,
            pagesRendered: state.pages.count { $0.path.hasSuffix(".html") },
            filesWritten: state.filesWritten,
            outputPath: state.filesWritten > 0 ? state.files.absolute(options.output) : nil,
            cardsDrawn: state.cardsDrawn, diagramsDrawn: state.diagramsDrawn)
    }
}

enum BuildSteps {
    static func load(_ state: inout BuildState) {
        let loader = ContentLoader(files: state.files)
        state.content = loader.load(into: &state.diagnostics)
        if let configs = state.content?.config?.companions {
            state.companions = Companions.load(configs, files: state.files, into: &state.diagnostics)
        }
        let themeName = state.options.theme ?? state.content?.config?.theme ?? "default"
        state.theme = ThemeLoader(files: state.files).load(named: themeName, into: &state.diagnostics)
        if let style = state.theme?.card, let problem = SocialCards.missingFont(style) {
            state.diagnostics.append(problem)
        }
        if state.options.writeOutput {
            state.diagnostics += outputFolder(state).problems()
        }
    }

    static func resolve(_ state: inout BuildState) {
        guard var content = state.content else { return }
        if let baseURL = state.options.baseURL { content.config?.baseURL = baseURL }
        var paths: Set<String> = []
        for asset in state.theme?.assets ?? [] { paths.insert("/assets/\(asset)") }
        for file in content.staticFiles { paths.insert("/\(file)") }
        if content.config?.search == true { paths.insert("/\(SearchIndex.path)") }
        if SearchIndex.publishesPage(content.config, theme: state.theme) { paths.insert("/search/") }
        state.site = SiteResolver(includeDrafts: state.options.includeDrafts)
            .resolve(content, filePaths: paths, into: &state.diagnostics)
        state.site?.hasCards = state.theme?.card != nil
    }

    static func render(_ state: inout BuildState) {
        guard let site = state.site else { return }
        var urlsByContentPath = site.urls
        // Links to drafts left out of this build still resolve to a path, so the check step can name the cause.
        for draft in site.skippedDrafts where urlsByContentPath[draft] == nil { urlsByContentPath[draft] = "/" }
        let urls = urlsByContentPath
        let imageSizes = state.content?.imageSizes ?? [:]
        let snippets = SnippetContext(companions: state.companions, enforcePolicy: state.options.enforceCodePolicy)
        let isCancelled = state.isCancelled
        let render: @Sendable (Document) -> RenderedMarkdown = { document in
            MarkdownRenderer(
                displayPath: document.displayPath, lineOffset: document.bodyLineOffset,
                links: LinkContext(contentPath: document.contentPath, pageURL: site.urls[document.contentPath],
                                   urlsByContentPath: urls, imageSizes: imageSizes),
                snippets: snippets
            ).render(isCancelled() ? "" : document.body)  // cancelled: the rest is skipped; `run` says so
        }
        if var cache = state.renderCache {
            let shared = RenderCache.fingerprint(
                urls: urls, imageSizes: imageSizes, companions: state.companions,
                enforcePolicy: state.options.enforceCodePolicy)
            state.rendered = cache.render(site.documents, sharedInputs: shared,
                                          pageURL: { site.urls[$0.contentPath] }, using: render)
            state.renderCache = cache
        } else {
            state.rendered = site.documents.parallelMap(render)
        }
        for markdown in state.rendered { state.diagnostics += markdown.diagnostics }
    }

    static func check(_ state: inout BuildState) {
        guard let site = state.site else { return }
        state.diagnostics += LinkChecker(site: site, rendered: state.rendered).check()
        state.diagnostics += LinkChecker.checkSharedImages(site)
        if state.options.enforceCodePolicy {
            let checker = CompanionChecker(companions: state.companions, files: state.files)
            state.diagnostics += checker.checkDemos(state.rendered.flatMap(\.demos))
            if state.options.strict {
                state.diagnostics += checker.unusedRegions(Set(state.rendered.flatMap(\.snippetUses)))
            }
        }
    }

    static func compose(_ state: inout BuildState) {
        guard let site = state.site, let theme = state.theme, !state.diagnostics.hasErrors else { return }
        var composer = PageComposer(site: site, rendered: state.rendered, theme: theme)
        composer.imageSizes = state.content?.imageSizes ?? [:]
        let composed = composer.compose()
        state.diagnostics += composed.diagnostics
        var pages = composed.pages
        pages.append(OutputFile(path: "feed.xml", contents: Data(AtomFeed(site: site, rendered: state.rendered).xml().utf8)))
        let sitemap = Sitemap(site: site)
        pages.append(OutputFile(path: "sitemap.xml", contents: Data(sitemap.xml().utf8)))
        pages.append(OutputFile(path: "robots.txt", contents: Data(sitemap.robots().utf8)))
        let diagrams = DiagramImages(rendered: state.rendered, cacheFolder: "")
        pages += diagrams.svgOutputs
        state.pages = pages

        let generated = Set(pages.map(\.path) + site.cardPaths.values.map { String($0.dropFirst()) }
                                + diagrams.pngPaths)
        // Theme assets that lead out of the project were refused when the theme was loaded; static files are
        // checked here, where they are copied.
        for asset in theme.assets {
            let source = "\(theme.folder)/assets/\(asset)"
            guard asset.hasSuffix(".css") else {
                state.copies.append(.init(source: state.files.absolute(source), destination: "assets/\(asset)"))
                continue
            }
            do {
                let css = CSSMinifier.minify(try state.files.readText(source))
                state.pages.append(OutputFile(path: "assets/\(asset)", contents: Data(css.utf8)))
            } catch {
                state.diagnostics.append(error.diagnostic)
            }
        }
        for file in state.content?.staticFiles ?? [] {
            if generated.contains(file) || file.hasPrefix("assets/") && theme.assets.contains(String(file.dropFirst(7))) {
                state.diagnostics.append(.error("static file would overwrite a page the site generates: /\(file)",
                                                at: SourceLocation(path: "Content/static/\(file)")))
                continue
            }
            if let problem = linkLeavingProject("Content/static/\(file)", state.files) {
                state.diagnostics.append(problem)
                continue
            }
            state.copies.append(.init(source: state.files.absolute("Content/static/\(file)"), destination: file))
        }
    }

    /// Rasterising: social cards and diagram PNGs, each taken from the cache when its SVG is unchanged.
    static func images(_ state: inout BuildState) {
        guard let site = state.site, let theme = state.theme, !state.pages.isEmpty, !state.diagnostics.hasErrors
        else { return }
        let cache = state.files.absolute(state.options.cacheFolder)
        if let style = theme.card {
            let outcome = SocialCards(site: site, theme: theme, style: style, cacheFolder: cache + "/cards").render()
            state.copies += outcome.copies
            state.cardsDrawn = outcome.rasterised
            state.diagnostics += outcome.diagnostics
        }
        let diagrams = DiagramImages(rendered: state.rendered, cacheFolder: cache + "/diagrams").renderPNGs()
        state.copies += diagrams.copies
        state.diagramsDrawn = diagrams.drawn
        state.diagnostics += diagrams.diagnostics
    }

    /// A copied file must not be a symbolic link (or lie below one) leading out of the project: the site would
    /// publish, and the dev server would serve, whatever it points at.
    private static func linkLeavingProject(_ relative: String, _ files: ProjectFiles) -> Diagnostic? {
        guard let target = files.resolvedOutsideRoot(relative) else { return nil }
        return .error("\(relative) is a symbolic link to \(target), outside the project; Folio does not copy it. "
                          + "Copy the file into the project instead", at: SourceLocation(path: relative))
    }

    static func emit(_ state: inout BuildState) {
        guard state.options.writeOutput, !state.pages.isEmpty, !state.diagnostics.hasErrors else { return }
        do {
            state.filesWritten = try outputFolder(state).publish(state.pages, copies: state.copies)
        } catch {
            state.diagnostics.append(.error("could not write the site: \(describeFileError(error))",
                                            at: SourceLocation(path: state.options.output)))
        }
    }

    private static func outputFolder(_ state: BuildState) -> OutputFolder {
        OutputFolder(path: state.files.absolute(state.options.output),
                     displayPath: state.files.display(state.files.absolute(state.options.output)))
    }
}
