// Turns changes on disk into a new site in memory: a full build (reusing rendered documents whose inputs did
// not change), folded into a new snapshot, swapped in, and announced to open pages. Builds run one at a time;
// changes that arrive during one are coalesced into a single next build by the watcher's stream.
import Dispatch
import Folio
import Foundation

actor RebuildCoordinator {
    private let options: BuildOptions
    private let store: SiteStore
    private let liveReload: LiveReload
    private let log: @Sendable (String) -> Void
    private var cache = RenderCache()

    init(options: BuildOptions, store: SiteStore, liveReload: LiveReload, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.store = store
        self.liveReload = liveReload
        self.log = log
    }

    /// Builds once, serves the result, tells open pages. Returns the folders the build read, for the watcher.
    @discardableResult
    func rebuild(after changes: Set<String> = []) async -> [String] {
        let started = ContinuousClock.now
        let result = await Self.build(options, cache: cache)
        cache = result.renderCache
        let previous = await store.current
        let built = ContinuousClock.now
        let update = previous.applying(result)
        await store.replace(with: update.snapshot)
        let elapsed = ContinuousClock.now - started
        let steps = result.report.timings.map { "\($0.step) \(Int($0.seconds * 1000))" }
            + ["snapshot \(Int((ContinuousClock.now - built) / .milliseconds(1)))"]
        let time = "\(Int(elapsed / .milliseconds(1))) ms (\(steps.joined(separator: " · ")) ms)"
        let trigger = changes.isEmpty ? "" : " after \(Self.describe(changes))"
        let snapshot = update.snapshot
        if !snapshot.failure.isEmpty {
            log("folio: build \(snapshot.generation) failed\(trigger) (\(time)); still serving the last good site")
            for diagnostic in snapshot.failure { log(diagnostic.description) }
            await liveReload.showErrors(ErrorOverlay.html(for: snapshot.failure))
        } else {
            let reused = "\(result.renderCache.hits) of \(result.renderCache.hits + result.renderCache.misses)"
            log("folio: build \(snapshot.generation)\(trigger) in \(time): \(update.changed.count) of "
                + "\(snapshot.files.count) files changed, \(reused) documents reused")
            // After a failure, reload even when nothing changed: the overlay must go.
            if !update.changed.isEmpty || !previous.failure.isEmpty {
                await liveReload.reload(generation: snapshot.generation)
            }
        }
        return result.inputFolders
    }

    /// Rebuilds after every settled burst of changes until the stream ends (the watcher stopped) or the task is
    /// cancelled. `onFolders` gets each build's input folders, so new companion folders get watched.
    func run(changes: AsyncStream<Set<String>>, onFolders: @Sendable ([String]) -> Void) async {
        for await batch in changes {
            onFolders(await rebuild(after: batch))
        }
    }

    /// The build is CPU-bound and blocks while it works on all cores: it runs on a Dispatch queue, not on one of
    /// the threads Swift concurrency shares with the HTTP server.
    private static func build(_ options: BuildOptions, cache: RenderCache) async -> BuildResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Pipeline.buildInMemory(options, cache: cache))
            }
        }
    }

    private static func describe(_ changes: Set<String>) -> String {
        let names = changes.sorted().map { ($0 as NSString).lastPathComponent }
        if names.count == 1 { return "a change to \(names[0])" }
        return "\(names.count) changes (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : ""))"
    }
}
