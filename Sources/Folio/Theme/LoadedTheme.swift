// The dev server loads the theme once and keeps it while none of its files change: parsing and checking every
// template and markup partial was a fifth of a rebuild on this repository's site.
import Foundation

/// A theme as a build loaded it, with what loading it reported and a digest of every file it was loaded from.
struct LoadedTheme: Sendable {
    var inputs: Int
    var theme: Theme?
    var diagnostics: [Diagnostic]
}

extension ThemeLoader {
    /// `load(named:into:)`, or `earlier`'s theme and diagnostics when the theme's files are the same: the same
    /// names, the same bytes of every template, partial and theme.yml (the default theme's markup partials too,
    /// which a theme inherits), and assets with the same `lstat`. Returns what to hand the next build.
    func load(named name: String, earlier: LoadedTheme?, into diagnostics: inout [Diagnostic]) -> (Theme?, LoadedTheme?) {
        let inputs = inputsDigest(name)
        if let inputs, let earlier, earlier.inputs == inputs {
            diagnostics += earlier.diagnostics
            return (earlier.theme, earlier)
        }
        var own: [Diagnostic] = []
        let theme = load(named: name, into: &own)
        diagnostics += own
        return (theme, inputs.map { LoadedTheme(inputs: $0, theme: theme, diagnostics: own) })
    }

    /// Nil when there is no such folder (the error lists the themes there are, which this does not cover).
    private func inputsDigest(_ name: String) -> Int? {
        let folder = "Themes/\(name)"
        guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", files.isDirectory(folder) else { return nil }
        var digest = ContextDigest()
        digest.combine(name)
        digest.combine(files.resolvedOutsideRoot(folder) ?? "")
        for (base, listing) in [(folder, files.listing(in: folder)),
                                (Self.defaultMarkupFolder, files.listing(in: Self.defaultMarkupFolder))] {
            digest.combine(base)
            digest.combine(listing.linkedFolders.count)
            for linked in listing.linkedFolders { digest.combine(linked) }
            digest.combine(listing.files.count)
            for file in listing.files {
                digest.combine(file)
                let path = "\(base)/\(file)"
                if file.hasSuffix(".mustache") || file.hasSuffix(".yml") || file.hasSuffix(".yaml") {
                    guard let bytes = try? files.readData(path) else { return nil }
                    digest.combine(bytes.count)
                    bytes.withUnsafeBytes { digest.combine(bytes: $0) }
                } else {
                    var status = stat()
                    guard lstat(files.absolute(path), &status) == 0 else { return nil }
                    digest.combine(Int(status.st_size))
                    digest.combine(Int(status.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(status.st_mtim.tv_nsec))
                    digest.combine(Int(bitPattern: UInt(status.st_ino)))
                }
            }
        }
        return digest.value
    }
}
