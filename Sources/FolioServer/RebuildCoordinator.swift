// Turns changes on disk into a new site in memory: a full build (reusing rendered documents whose inputs did
// not change), folded into a new snapshot, swapped in, and announced to open pages. A newer change abandons
// the build in progress and starts the next at once: a save never waits behind a slow build, and a superseded
// build's result is never served.
import Folio
import Foundation

actor RebuildCoordinator {
    private let options: BuildOptions
    private let store: SiteStore
    private let liveReload: LiveReload
    private let log: @Sendable (String) -> Void
    private let build: BuildJob.Build
    /// From the newest build that finished and was served.
    private var cache = RenderCache()
    private var started = 0
    /// The newest build, the only one whose result may be served.
    private var current: BuildJob?

    init(options: BuildOptions, store: SiteStore, liveReload: LiveReload,
         build: @escaping BuildJob.Build = Pipeline.buildInMemory,
         log: @escaping @Sendable (String) -> Void)
    {
        self.options = options
        self.store = store
        self.liveReload = liveReload
        self.build = build
        self.log = log
    }

    /// Builds once, serves the result, tells open pages. Returns the folders the build read, for the watcher, or
    /// nil when the build was abandoned (a newer change, or the task was cancelled: the server is stopping).
    @discardableResult
    func rebuild(after changes: Set<String> = []) async -> [String]? {
        await finish(start(), after: changes)
    }

    /// Abandons the build in progress, if any, and starts the next; nil when no build can start.
    private func start() -> BuildJob? {
        cancelCurrent(reason: "a newer change arrived")
        started += 1
        if let exhausted = DescriptorBudget.exhaustion() {
            // Every file the build opened would fail, and be reported as missing: say what is really wrong.
            log("folio: build \(started) not started: \(exhausted)")
            Task { await liveReload.showErrors(ErrorOverlay.html(for: [.error(exhausted, at: nil)])) }
            return nil
        }
        let job = BuildJob(number: started, options: options, cache: cache, build: build)
        current = job
        return job
    }

    private func finish(_ job: BuildJob?, after changes: Set<String>) async -> [String]? {
        guard let job else { return [] }
        let clock = ContinuousClock()
        let begun = clock.now
        guard let result = await job.result(), current === job else { return nil }
        current = nil
        var diagnostics = result.report.diagnostics
        if diagnostics.hasErrors, let exhausted = DescriptorBudget.exhaustion() {
            diagnostics.insert(.error(exhausted + "; this build's other errors may be false", at: nil), at: 0)
        }
        let built = clock.now
        // The store refuses a build older than the one it serves, whatever order the awaits resume in.
        guard let update = await store.publish(result, diagnostics: diagnostics, number: job.number) else {
            return nil
        }
        cache = result.renderCache
        let snapshot = update.snapshot
        let steps = result.report.timings.map { "\($0.step) \(Int($0.seconds * 1000))" }
            + ["snapshot \(Int((clock.now - built) / .milliseconds(1)))"]
        let time = "\(Int((clock.now - begun) / .milliseconds(1))) ms (\(steps.joined(separator: " · ")) ms)"
        let trigger = changes.isEmpty ? "" : " after \(Self.describe(changes))"
        if !snapshot.failure.isEmpty {
            log("folio: build \(job.number) failed\(trigger) (\(time)); still serving the last good site")
            for diagnostic in snapshot.failure { log(diagnostic.description) }
            await liveReload.showErrors(ErrorOverlay.html(for: snapshot.failure, underGoodBuild: !snapshot.files.isEmpty))
        } else {
            let cache = result.renderCache
            log("folio: build \(job.number)\(trigger) in \(time): \(update.changed.count) of "
                + "\(snapshot.files.count) files changed, \(cache.hits) of \(cache.hits + cache.misses) documents and "
                + "\(cache.pagesReused) of \(cache.pagesComposed) pages reused")
            // After a failure, reload even when nothing changed: the overlay must go.
            if !update.changed.isEmpty || update.recovered {
                await liveReload.reload(generation: snapshot.generation)
            }
        }
        return result.inputFolders
    }

    /// Rebuilds after every settled burst of changes until the stream ends (the watcher stopped) or the task is
    /// cancelled. Each burst starts its build at once, abandoning the one before. `onFolders` gets each served
    /// build's input folders, so new companion folders get watched.
    func run(changes: AsyncStream<Set<String>>, onFolders: @escaping @Sendable ([String]) -> Void) async {
        await withDiscardingTaskGroup { group in
            for await batch in changes {
                // Started here, in order; only waiting for the result is left to a child task.
                let job = start()
                group.addTask {
                    if let folders = await self.finish(job, after: batch) { onFolders(folders) }
                }
            }
            // Stopping: the build in progress is abandoned, not waited for.
            cancelCurrent(reason: nil)
        }
    }

    /// Abandons the build in progress, if any.
    func cancelCurrent(reason: String?) {
        guard let running = current else { return }
        running.cancel()
        current = nil
        if let reason { log("folio: build \(running.number) abandoned: \(reason)") }
    }

    private static func describe(_ changes: Set<String>) -> String {
        let names = changes.sorted().map { ($0 as NSString).lastPathComponent }
        if names.count == 1 { return "a change to \(names[0])" }
        return "\(names.count) changes (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : ""))"
    }
}
