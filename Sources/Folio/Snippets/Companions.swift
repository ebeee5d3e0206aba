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

    /// Reads and parses every source file of every companion. Marker problems become diagnostics.
    static func load(_ configs: [CompanionConfig], files: ProjectFiles, into diagnostics: inout [Diagnostic]) -> Companions {
        var entries: [Entry] = []
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
            let parsed = paths.parallelMap { path -> Result<SnippetFile, FileProblem> in
                Result { () throws(FileProblem) in try files.readText("\(root)/\(path)") }
                    .map { SnippetMarkers.parse($0, path: path, displayPath: "\(root)/\(path)") }
            }
            var byPath: [String: SnippetFile] = [:]
            for result in parsed {
                let file: SnippetFile
                switch result {
                case .success(let parsed): file = parsed
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
        return Companions(entries: entries)
    }
}
