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
        /// How long the sources must be quiet before a rebuild starts: one save is often several writes.
        public var quietPeriod: Duration = .milliseconds(75)
        /// Progress lines: builds, failures, the address.
        public var log: @Sendable (String) -> Void = { print($0) }
        /// Called once the server listens, with the bound port.
        public var onListening: @Sendable (Int) async -> Void = { _ in }

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
        let liveReload = LiveReload()
        let watcher = try FileWatcher(quietPeriod: options.quietPeriod)
        let coordinator = RebuildCoordinator(options: buildOptions, store: store, liveReload: liveReload,
                                             log: options.log)
        let watchFolders: @Sendable ([String]) -> Void = { folders in
            // All of Themes/ and site.yml's folder, besides what the build read: a theme or companion named
            // later must already be watched.
            for folder in folders + [options.root + "/Themes", options.root + "/Content"] { watcher.watch(folder) }
        }
        watchFolders(await coordinator.rebuild())
        watcher.start()

        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: SiteResponder(store: store, liveReload: liveReload),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in await options.onListening(channel.localAddress?.port ?? options.port) },
            logger: logger)

        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
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
                // Open event streams would keep the server waiting for their connections to finish.
                watcher.stop()
                Task { await liveReload.closeAll() }
            }
        } onCancel: {
            watcher.stop()
            Task { await liveReload.closeAll() }
        }
    }
}

extension DevServer {
    /// Runs until SIGINT (Ctrl-C) or SIGTERM, then stops watching, closes event streams and returns.
    public func runUntilSignalled() async throws {
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: .init(
            services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
