// Every diagram of the site as files: its standalone SVG, written as it is, and a PNG at twice its size drawn
// by librsvg on white (a PNG is pasted into slides and posts, where transparency shows as black). PNGs are
// cached like social cards, by a digest of the SVG they are drawn from.
import Foundation

struct DiagramImages {
    /// Each diagram once, however many pages show it, in a stable order.
    var files: [DiagramFile]
    /// Absolute folder the PNGs are cached in, e.g. `<root>/.build/folio-cache/diagrams`.
    var cacheFolder: String

    init(rendered: [RenderedMarkdown], cacheFolder: String) {
        var seen: Set<String> = []
        files = rendered.flatMap(\.diagramFiles).filter { seen.insert($0.name).inserted }
        self.cacheFolder = cacheFolder
    }

    /// The SVG files, for the compose step.
    var svgOutputs: [OutputFile] {
        files.map { OutputFile(path: String($0.svgPath.dropFirst()), contents: Data($0.svg.utf8)) }
    }

    var pngPaths: [String] { files.map { String($0.pngPath.dropFirst()) } }

    /// Draws the PNGs not cached yet; returns copies into the site, the number drawn, and problems.
    func renderPNGs() -> (copies: [OutputFolder.Copy], drawn: Int, diagnostics: [Diagnostic]) {
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        let folder = cacheFolder
        let results = files.parallelMap { file -> (OutputFolder.Copy, Bool, String?) in
            let width = Int((file.width * DiagramFile.pngScale).rounded(.up))
            let height = Int((file.height * DiagramFile.pngScale).rounded(.up))
            let cached = "\(folder)/\(StableDigest.hex("\(SVGRasteriser.encoding) \(width)x\(height)\n" + file.svg)).png"
            let copy = OutputFolder.Copy(source: cached, destination: String(file.pngPath.dropFirst()),
                                         linkable: true)
            if FileManager.default.fileExists(atPath: cached) { return (copy, false, nil) }
            do {
                let png = try SVGRasteriser.png(file.svg, width: width, height: height, opaque: true)
                try CacheFile.write(png, to: cached)
                return (copy, true, nil)
            } catch {
                return (copy, true, "could not draw \(file.pngPath): \(error)")
            }
        }
        var copies: [OutputFolder.Copy] = [], drawn = 0, diagnostics: [Diagnostic] = []
        for (copy, wasDrawn, problem) in results {
            if let problem {
                diagnostics.append(.error(problem, at: SourceLocation(path: cacheFolder)))
            } else {
                copies.append(copy)
                if wasDrawn { drawn += 1 }
            }
        }
        return (copies, drawn, diagnostics)
    }
}

/// Files in the image cache. Another build may be filling the same cache: a file appears under its name
/// whole, or not at all.
enum CacheFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = "\(path).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        if let problem = OutputFolder.writeFile(data, to: temporary) { throw OutputError(message: problem) }
        guard rename(temporary, path) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(message: problem)
        }
    }
}
