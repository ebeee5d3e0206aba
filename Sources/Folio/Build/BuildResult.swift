// A build kept in memory instead of written to disk: what `folio serve` serves. The pages are bytes; copies
// are named by their source file, which the server reads itself.
import Foundation

/// A file copied into the site as it is: a theme asset or a file from `Content/static/`.
public struct CopiedFile: Sendable, Hashable {
    /// Absolute path of the source file.
    public var source: String
    /// Path in the site, e.g. `assets/site.css`.
    public var destination: String
}

public struct BuildResult: Sendable {
    public var report: BuildReport
    /// Every generated file (pages, feed, sitemap, robots.txt); empty when the build had errors.
    public var pages: [OutputFile]
    public var copies: [CopiedFile]
    /// Hand it to the next build to reuse documents that did not change.
    public var renderCache: RenderCache
    /// Absolute folders this build read: `Content/`, the theme, every companion's sources and demos.
    /// What a watcher must watch to know when the site is out of date.
    public var inputFolders: [String]
}

extension Pipeline {
    /// The whole build, without writing anything: for the dev server, which serves from memory and must not
    /// touch the output folder. Once `isCancelled` returns true the build stops at the next step or document and
    /// fails with an error saying so; the cache it returns is then the one it was given.
    /// `cache` nil: a build on its own, made the way `folio build` makes one (each post's page composed as soon
    /// as it is rendered, no text kept), which the tests compare with the dev server's.
    public static func buildInMemory(
        _ options: BuildOptions, cache: RenderCache? = RenderCache(),
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) -> BuildResult {
        var options = options
        options.writeOutput = false
        let (report, products) = Pipeline.run(options, cache: cache, keepsOutput: true, isCancelled: isCancelled)
        let files = ProjectFiles(root: options.root)
        let failed = report.diagnostics.hasErrors
        // The theme's folder is watched even when it did not load, so fixing it triggers a rebuild.
        let themeFolder = products.project?.theme?.folder
            ?? "Themes/\(options.theme ?? products.project?.config.theme ?? "default")"
        var folders = ["Content", themeFolder]
        for companion in products.project?.config.companions ?? [] {
            folders.append(companion.root)
            if let demos = companion.demos { folders.append(demos) }
        }
        // Documents skipped after a cancel were "rendered" empty: a cache holding them would serve them later.
        let nextCache = (isCancelled() ? cache : products.renderCache ?? cache) ?? RenderCache()
        let kept = failed ? nil : products.kept
        return BuildResult(
            report: report, pages: kept?.pages ?? [],
            copies: (kept?.copied ?? []).map { CopiedFile(source: $0.source, destination: $0.destination) },
            renderCache: nextCache, inputFolders: folders.map(files.absolute))
    }
}
