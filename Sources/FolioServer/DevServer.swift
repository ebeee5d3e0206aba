// `folio serve`: build once, serve the site from memory, rebuild when its sources change, reload open pages.
// This type only wires the parts together: the HTTP responder, the watcher, the rebuild coordinator, live reload.
import Folio
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

public struct DevServer: Service {
    public struct Options: Sendable {
        /// The project root (the folder holding `Content/`).
        public var root: String
        public var host = "127.0.0.1"
        /// 0 picks a free port; `onListening` tells which.
        public var port = 8000
        public var includeDrafts = false
        /// How long the sources must be quiet before a rebuild starts: one save is often several writes, which
        /// editors make within a millisecond or two of each other once the file is closed (the watcher waits
        /// longer while a file is still open for writing).
        public var quietPeriod: Duration = .milliseconds(20)
        /// Progress lines: builds, failures, the address.
        public var log: @Sendable (String) -> Void = { print($0) }
        /// Called once the server listens, with the bound port.
        public var onListening: @Sendable (Int) async -> Void = { _ in }
        /// Live-reload streams open at once (one per open page); past this the server answers 503.
        public var maximumEventStreams = 100
        /// A connection must send a request's headers within this long of opening, or of the previous response,
        /// or it is closed: idle and trickling clients cannot hold descriptors. Event streams are not affected.
        public var requestTimeout: Duration = .seconds(10)
        /// How often open event streams get a comment, so a vanished client's stream fails and is closed.
        public var heartbeat: Duration = .seconds(15)
        /// Runs one build; tests replace it with a slow one.
        var build: BuildJob.Build = Pipeline.buildInMemory

        public init(root: String) { self.root = root }
    }

    /// Problems a user can fix, worded for them.
    public enum Failure: Error, CustomStringConvertible {
        case addressInUse(host: String, port: Int)

        public var description: String {
            switch self {
            case .addressInUse(let host, let port):
                "\(host):\(port) is already in use (another folio serve?); choose another with --port \(port + 1)"
            }
        }
    }

    let options: Options

    public init(options: Options) { self.options = options }

    public func run() async throws {
        let options = options
        var buildOptions = BuildOptions(root: options.root)
        buildOptions.includeDrafts = options.includeDrafts
        let store = SiteStore()
        let liveReload = LiveReload(maximumStreams: options.maximumEventStreams)
        let watcher = try FileWatcher(quietPeriod: options.quietPeriod, log: options.log)
        let coordinator = RebuildCoordinator(options: buildOptions, store: store, liveReload: liveReload,
                                             build: options.build, log: options.log)
        let watchFolders: @Sendable ([String]) -> Void = { folders in
            // All of Themes/ and site.yml's folder, besides what the build read: a theme or companion named
            // later must already be watched.
            for folder in folders + [options.root + "/Themes", options.root + "/Content"] { watcher.watch(folder) }
        }
        let stop: @Sendable () -> Void = {
            // Open event streams would keep the server waiting for their connections to finish, and a build in
            // progress is not worth waiting for.
            watcher.stop()
            Task {
                await coordinator.cancelCurrent(reason: nil)
                await liveReload.closeAll()
            }
        }
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        let requestTimeout = TimeAmount.nanoseconds(Int64(options.requestTimeout / .nanoseconds(1)))
        let app = Application(
            responder: SiteResponder(store: store, liveReload: liveReload, hosts: AllowedHosts(boundTo: options.host)),
            server: .http1(configuration: .init(additionalChannelHandlers: [EventStreamHangUp()],
                                                idleTimeout: requestTimeout)),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in await options.onListening(channel.localAddress?.port ?? options.port) },
            logger: logger)

        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                // Stopping during the first build returns at once: there is nothing to serve yet.
                guard let folders = await coordinator.rebuild() else { return }
                watchFolders(folders)
                watcher.start()
                await liveReload.startHeartbeat(every: options.heartbeat)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        // If the server stops (or cannot bind), nothing is left to rebuild for.
                        defer { watcher.stop() }
                        do {
                            try await app.run()
                        } catch let error as IOError where error.errnoCode == EADDRINUSE {
                            throw Failure.addressInUse(host: options.host, port: options.port)
                        }
                    }
                    group.addTask { await coordinator.run(changes: watcher.changes, onFolders: watchFolders) }
                    try await group.waitForAll()
                }
            } onGracefulShutdown: {
                stop()
            }
        } onCancel: {
            stop()
        }
    }
}

extension DevServer {
    /// Runs until SIGINT (Ctrl-C) or SIGTERM, then stops watching, abandons a build in progress, closes event
    /// streams and returns.
    public func runUntilSignalled() async throws {
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        var configuration = ServiceGroupConfiguration(
            services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Whatever still holds the server up after this long (a connection that will not finish) is cancelled.
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        try await ServiceGroup(configuration: configuration).run()
    }
}
