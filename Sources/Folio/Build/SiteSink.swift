// Where the compose and images steps put each file of the site the moment it is made, so that a build never holds
// the whole site at once: a real build writes it into the staging folder (`StagingFolder`), the dev server keeps
// it in memory (`SiteInMemory`), `folio check` only counts it.
import Foundation

/// Takes the site's files one at a time. Compose calls it from many threads at once.
protocol SiteSink: Sendable {
    /// Throws a `Diagnostic` naming the file when it cannot be stored.
    func add(_ file: OutputFile) throws
    func add(_ copy: OutputFolder.Copy) throws
    /// Says which files are coming, before any of them is added, so that a sink that must list each file before
    /// making it (the staging folder's marker) lists them all at once instead of one by one.
    func announce(_ paths: [String]) throws
}

extension SiteSink {
    func announce(_ paths: [String]) {}

    /// Adds copies on all cores (a site with cards has one per page); the first failure goes to `diagnostics`.
    func add(_ copies: [OutputFolder.Copy], into diagnostics: inout [Diagnostic]) {
        let failure = copies.parallelMap { copy -> Diagnostic? in
            do {
                try add(copy)
                return nil
            } catch {
                return error as? Diagnostic ?? .error("\(copy.destination): \(error)", at: nil)
            }
        }.compactMap { $0 }.first
        if let failure { diagnostics.append(failure) }
    }
}

/// Keeps every file: what `folio serve` serves and what tests look at.
/// `@unchecked Sendable`: the two arrays are read and written only while `lock` is held.
final class SiteInMemory: SiteSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [OutputFile] = []
    private var copies: [OutputFolder.Copy] = []

    func add(_ file: OutputFile) {
        lock.withLock { files.append(file) }
    }

    func add(_ copy: OutputFolder.Copy) {
        lock.withLock { copies.append(copy) }
    }

    /// By path: files arrive in whatever order the cores finish them.
    var pages: [OutputFile] { lock.withLock { files.sorted { $0.path < $1.path } } }
    var copied: [OutputFolder.Copy] { lock.withLock { copies.sorted { $0.destination < $1.destination } } }
}

/// Drops every file: `folio check` composes the site for its diagnostics and writes nothing.
struct SiteDiscarded: SiteSink {
    func add(_ file: OutputFile) {}
    func add(_ copy: OutputFolder.Copy) {}
}
