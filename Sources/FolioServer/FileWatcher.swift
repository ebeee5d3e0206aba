// Watches folder trees with Linux inotify, one watch per folder (inotify is not recursive), adding watches for
// folders created later. A burst of changes (an editor's save, `git checkout`) is reported once, after the
// files have been quiet for `quietPeriod` (longer while a file is still open for writing): that is where bursts of
// saves coalesce into one rebuild. Paths whose
// content is what it was (`SourceDigests`) are left out, and a burst left empty is not reported at all.
#if canImport(Glibc)
import Foundation
import Glibc
import Synchronization

final class FileWatcher: Sendable {
    /// Settled bursts of changes, as absolute paths, never empty. A consumer busy rebuilding gets only the latest
    /// burst afterwards: it rebuilds everything anyway, so one pending rebuild stands for any number of bursts.
    let changes: AsyncStream<Set<String>>
    private let continuation: AsyncStream<Set<String>>.Continuation
    private let inotify: Int32
    /// Written to by `stop()`, to wake the watching thread out of `poll`.
    private let wakeUp: (read: Int32, write: Int32)
    private let quietPeriod: Duration
    /// The quiet period while a file written to has not been closed yet: an editor may be in `fsync`, between
    /// truncating a file and writing it (measured: up to 14 ms for vim on a busy machine). After the close, the
    /// rest of a save (vim's attribute change, a rename into place) follows within a millisecond.
    private let quietPeriodWhileWriting: Duration
    /// A burst that never goes quiet is still reported after this long.
    private let longestWait: Duration
    private let watches = Mutex(Watches())
    /// Told when a burst held no change, so the user sees why their save did nothing.
    private let log: @Sendable (String) -> Void

    private struct Watches {
        var folderByDescriptor: [Int32: String] = [:]
        var watched: Set<String> = []
        var digests = SourceDigests()
        var stopped = false
    }

    /// What inotify reports to us: content written, files and folders appearing, disappearing or renamed.
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_ATTRIB)

    init(quietPeriod: Duration = .milliseconds(20), quietPeriodWhileWriting: Duration = .milliseconds(100),
         longestWait: Duration = .milliseconds(1000), log: @escaping @Sendable (String) -> Void = { _ in }) throws
    {
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { throw WatchError(message: "inotify_init1: \(String(cString: strerror(errno)))") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(inotify)
            throw WatchError(message: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeUp = (pipeEnds[0], pipeEnds[1])
        self.quietPeriod = quietPeriod
        self.quietPeriodWhileWriting = max(quietPeriod, quietPeriodWhileWriting)
        self.longestWait = longestWait
        self.log = log
        (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self, bufferingPolicy: .bufferingNewest(1))
    }

    deinit {
        close(inotify)
        close(wakeUp.read)
        close(wakeUp.write)
    }

    /// Watches `folder` and every folder below it (hidden ones excepted), and records what their files hold now.
    /// Watching a folder twice is harmless.
    func watch(_ folder: String) {
        watch(folder, recording: true)
    }

    /// `recording` is false for a folder created during a burst: its files are recorded when the burst settles,
    /// after which the folder counts as a change (recording them now would make it look as it always was).
    private func watch(_ folder: String, recording: Bool) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return
        }
        let descriptor = inotify_add_watch(inotify, folder, Self.mask)
        guard descriptor >= 0 else { return }
        let isNew = watches.withLock { watches in
            watches.folderByDescriptor[descriptor] = folder
            let isNew = watches.watched.insert(folder).inserted
            if isNew && recording { watches.digests.seed(folder: folder) }
            return isNew
        }
        guard isNew else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !Self.ignored(name) {
            let path = folder + "/" + name
            var stat = stat()
            // lstat, not stat: a symbolic link to a folder elsewhere is not ours to watch.
            if lstat(path, &stat) == 0, stat.st_mode & S_IFMT == S_IFDIR { watch(path, recording: recording) }
        }
    }

    /// Starts the thread that reads events. Reading blocks, so it gets a thread of its own rather than one of
    /// the few threads Swift concurrency shares.
    func start() {
        let thread = Thread { [self] in readEvents() }
        thread.name = "folio-watcher"
        thread.start()
    }

    /// Stops watching and ends `changes`. Safe to call more than once, from anywhere.
    func stop() {
        let first = watches.withLock { watches in
            defer { watches.stopped = true }
            return !watches.stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeUp.write, &byte, 1)
        continuation.finish()
    }

    private func readEvents() {
        var pending: Set<String> = []
        /// Files modified and not closed since.
        var writing: Set<String> = []
        var burstStarted = ContinuousClock.now
        let clock = ContinuousClock()
        while !watches.withLock({ $0.stopped }) {
            var timeout: Int32 = -1
            if !pending.isEmpty {
                let quiet = writing.isEmpty ? quietPeriod : quietPeriodWhileWriting
                let left = min(quiet, longestWait - (clock.now - burstStarted))
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                timeout = Int32(max(0, milliseconds))
            }
            var descriptors = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, timeout)
            if ready < 0 && errno == EINTR { continue }
            if descriptors[1].revents != 0 { break }
            if ready > 0 {
                let changed = drainEvents(writing: &writing)
                if pending.isEmpty && !changed.isEmpty { burstStarted = clock.now }
                pending.formUnion(changed)
            }
            let quiet = ready == 0
            if !pending.isEmpty && (quiet || clock.now - burstStarted >= longestWait) {
                let changed = watches.withLock { $0.digests.changes(in: pending) }
                if changed.isEmpty {
                    log("folio: \(Self.describe(pending)) saved unchanged; nothing to rebuild")
                } else {
                    continuation.yield(changed)
                }
                pending = []
                writing = []
            }
        }
        continuation.finish()
    }

    /// Reads every queued event; returns the paths that changed (not counting ignored names), and keeps
    /// `writing` up to date: the files modified and not yet closed, deleted or moved away.
    private func drainEvents(writing: inout Set<String>) -> Set<String> {
        var changed: Set<String> = []
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(inotify, buffer, capacity)
            guard count > 0 else { break }  // EAGAIN: the queue is empty
            var offset = 0
            while offset + 16 <= count {
                let descriptor = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let name = nameLength == 0 ? "" : String(cString: buffer.advanced(by: offset + 16)
                    .assumingMemoryBound(to: CChar.self))
                offset += 16 + nameLength
                if mask & UInt32(IN_IGNORED) != 0 {
                    watches.withLock { watches in
                        if let folder = watches.folderByDescriptor.removeValue(forKey: descriptor) {
                            watches.watched.remove(folder)
                        }
                    }
                    continue
                }
                guard let folder = watches.withLock({ $0.folderByDescriptor[descriptor] }) else { continue }
                if Self.ignored(name) { continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    watch(path, recording: false)
                }
                changed.insert(path)
                if mask & UInt32(IN_MODIFY) != 0 { writing.insert(path) }
                if mask & UInt32(IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM) != 0 { writing.remove(path) }
            }
        }
        return changed
    }

    /// Hidden files and folders (`.git`, editors' `.swp` files) and backup files (`post.md~`) change nothing.
    private static func ignored(_ name: String) -> Bool {
        SourceDigests.ignored(name)
    }

    private static func describe(_ paths: Set<String>) -> String {
        paths.count == 1 ? (paths.first! as NSString).lastPathComponent : "\(paths.count) files"
    }
}

struct WatchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
#endif
