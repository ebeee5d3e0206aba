// One build of the site, running on a Dispatch thread, that its owner can abandon at any moment: a newer save
// or shutting down must never wait for a build stuck in a slow step (a big diagram's layout).
import Dispatch
import Folio
import Synchronization

final class BuildJob: Sendable {
    /// How a build is run: the engine's in-memory build. Tests put a slow or blocking build in its place.
    typealias Build = @Sendable (BuildOptions, RenderCache, _ isCancelled: @escaping @Sendable () -> Bool)
        -> BuildResult

    /// Counts builds started in this process, abandoned ones included: the number in progress lines and reloads.
    let number: Int
    private let state = Mutex(State())

    private struct State {
        var cancelled = false
        var finished = false
        var waiting: CheckedContinuation<BuildResult?, Never>?
        var result: BuildResult?
    }

    /// Starts the build at once. It blocks a thread while it works, so it gets one from Dispatch, not one of the
    /// few threads Swift concurrency shares with the HTTP server.
    init(number: Int, options: BuildOptions, cache: RenderCache, build: @escaping Build) {
        self.number = number
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let result = build(options, cache, { [self] in isCancelled })
            let waiting = state.withLock { state -> CheckedContinuation<BuildResult?, Never>? in
                state.finished = true
                if state.cancelled { return nil }
                state.result = result
                defer { state.waiting = nil }
                return state.waiting
            }
            waiting?.resume(returning: result)
        }
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Tells the engine to stop at its next check and wakes whoever waits for the result, with nil. The build's
    /// thread may run on until that check (or the end of a step that has none); its result is dropped.
    func cancel() {
        let waiting = state.withLock { state -> CheckedContinuation<BuildResult?, Never>? in
            state.cancelled = true
            defer { state.waiting = nil }
            return state.waiting
        }
        waiting?.resume(returning: nil)
    }

    /// The build's result, or nil once the job is cancelled (or the waiting task is), whether or not the build
    /// has finished: nothing superseded is ever handed out.
    func result() async -> BuildResult? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> BuildResult?? in
                    if state.cancelled { return .some(nil) }
                    if state.finished { return .some(state.result) }
                    state.waiting = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }
}
