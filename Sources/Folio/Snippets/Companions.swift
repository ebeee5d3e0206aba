// The companions a site declares, their source files parsed for regions, and the lookups includes need.
import Foundation

public struct Companions: Sendable {
    public struct Entry: Sendable {
        public var config: CompanionConfig
        /// Parsed files by path under the companion's root.
        public var files: [String: SnippetFile]
        /// Names of the files in the companion's demos folder, without extension: the demos a chart fence may
        /// name with `demo="…"`.
        public var demoNames: Set<String> = []
    }

    public var entries: [Entry]
    /// Every source file as read and parsed, by display path, when the build keeps caches: the next build of
    /// the dev server reuses those whose bytes did not change.
    var parsed: [String: ParsedSource] = [:]

    /// The companion whose code a fence in `language` must come from.
    public func companion(forLanguage language: String) -> Entry? {
        let wanted = language.lowercased()
        return entries.first { $0.config.languages.contains { $0.lowercased() == wanted } }
    }

    /// Languages that have a companion: fences in them must be includes unless marked `illustrative`.
    public var languages: Set<String> {
        Set(entries.flatMap { $0.config.languages.map { $0.lowercased() } })
    }

    static let sourceExtensions: Set<String> = ["swift", "go", "ts", "js", "proto", "sql", "sh", "yml", "yaml", "toml",
                                                "c", "h", "rs", "py", "java", "kt"]

    /// Reads and parses every source file of every companion. Marker problems become diagnostics. `earlier`:
    /// what a previous build parsed (`parsed`), reused for files whose bytes are the same; nil keeps nothing.
    static func load(_ configs: [CompanionConfig], files: ProjectFiles, earlier: [String: ParsedSource]? = nil,
                     into diagnostics: inout [Diagnostic]) -> Companions {
        var entries: [Entry] = []
        var kept: [String: ParsedSource] = [:]
        for config in configs {
            let root = config.root.hasSuffix("/") ? String(config.root.dropLast()) : config.root
            if let target = files.resolvedOutsideRoot(root) {
                diagnostics.append(.error(
                    "companion '\(config.name)': folder '\(root)' is \(target), outside the project; Folio reads "
                        + "companion code only from inside the project", at: SourceLocation(path: "Content/site.yml")))
                continue
            }
            guard files.isDirectory(root) else {
                diagnostics.append(.error("companion '\(config.name)': folder '\(root)' does not exist",
                                          at: SourceLocation(path: "Content/site.yml")))
                continue
            }
            let paths = files.filesRecursively(in: root).filter {
                Self.sourceExtensions.contains(($0 as NSString).pathExtension.lowercased())
            }
            let parsed = paths.parallelMap { path -> Result<ParsedSource, FileProblem> in
                Result { () throws(FileProblem) in
                    let displayPath = "\(root)/\(path)"
                    let bytes = try files.readData(displayPath)
                    if let reusable = earlier?[displayPath], reusable.bytes == bytes { return reusable }
                    let text = try files.text(of: bytes, readFrom: displayPath)
                    return ParsedSource(bytes: bytes, file: SnippetMarkers.parse(text, path: path, displayPath: displayPath))
                }
            }
            var byPath: [String: SnippetFile] = [:]
            for (path, result) in zip(paths, parsed) {
                let file: SnippetFile
                switch result {
                case .success(let parsed):
                    file = parsed.file
                    if earlier != nil { kept["\(root)/\(path)"] = parsed }
                case .failure(let problem):
                    diagnostics.append(problem.diagnostic)
                    continue
                }
                diagnostics += file.diagnostics
                byPath[file.path] = file
            }
            let demoNames = config.demos.map { folder in
                Set(files.list(folder).map { ($0 as NSString).deletingPathExtension })
            } ?? []
            entries.append(Entry(config: CompanionConfig(
                name: config.name, root: root, languages: config.languages, verify: config.verify, demo: config.demo,
                build: config.build, demos: config.demos, sourceURL: config.sourceURL), files: byPath,
                demoNames: demoNames))
        }
        return Companions(entries: entries, parsed: kept)
    }
}

/// One companion source file's bytes and what parsing them gave. Parsing reads nothing but the bytes and the
/// path, so equal bytes give an equal result.
struct ParsedSource: Sendable {
    var bytes: Data
    var file: SnippetFile
}
