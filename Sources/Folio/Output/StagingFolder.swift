// The folder beside the output folder that a build writes the site into, file by file as compose makes them; the
// `swap` step exchanges it with the output folder, and a build that fails removes it. Every file's path goes into
// the folder's marker before the file is created, so a staging folder left by a killed build can always be proven
// Folio's own (`OutputFolder.removeLeftovers`). A page whose bytes are those of the same page in the current site
// is hard-linked from it instead of written: no new inode, no data written, and removing the old site after the
// swap frees nothing (creating and freeing inodes was most of the kernel's share of a build).
import Foundation

/// `@unchecked Sendable`: `written`, `announced`, `folders` and the marker's descriptor are used only while `lock`
/// is held; folders are made and file contents written outside it (two threads making the same folder is safe:
/// see `makeFolder`), each file by the one thread that was handed it.
final class StagingFolder: SiteSink, @unchecked Sendable {
    /// The sorted marker while it is written, before it replaces the one written file by file.
    static let sortedMarkerName = OutputFolder.markerName + ".sorted"
    let path: String
    let token: String
    /// The output folder, where a file that cannot be written is reported.
    private let location: SourceLocation
    /// The site being replaced, whose unchanged files are linked rather than written again; nil when there is none.
    private let previous: String?
    private let lock = NSLock()
    private let marker: Int32
    private var written: [String] = []
    /// Paths listed in the marker ahead of their files (`announce`).
    private var announced: Set<String> = []
    /// Folders made so far, relative to `path` ("" is the staging folder itself).
    private var folders: Set<String> = [""]

    /// Makes the folder and its marker. `path` must not exist.
    init(path: String, token: String, output displayPath: String, previous: String?) throws {
        self.path = path
        self.token = token
        self.previous = previous
        location = SourceLocation(path: displayPath)
        guard mkdir(path, 0o755) == 0 else { throw Self.failure(path) }
        let markerPath = "\(path)/\(OutputFolder.markerName)"
        let descriptor = open(markerPath, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        let problem = descriptor < 0 ? String(cString: strerror(errno))
            : OutputFolder.writeAll(Data((OutputFolder.markerHeader + "\n").utf8), to: descriptor)
        if let problem {
            if descriptor >= 0 { close(descriptor) }
            unlink(markerPath)
            rmdir(path)
            throw OutputError(message: "\(OutputFolder.markerName): \(problem)")
        }
        marker = descriptor
    }

    deinit {
        close(marker)
    }

    /// Lists files in the marker ahead of time, in one write: the marker may list files that never come (a
    /// leftover folder is removed when every file in it is listed), never a file without its line.
    func announce(_ paths: [String]) throws {
        try lock.withLock {
            let fresh = paths.filter { !announced.contains($0) }
            guard !fresh.isEmpty else { return }
            if let problem = OutputFolder.writeAll(Data((fresh.joined(separator: "\n") + "\n").utf8), to: marker) {
                throw failure("\(OutputFolder.markerName): \(problem)")
            }
            announced.formUnion(fresh)
        }
    }

    /// How many files are in the folder.
    var count: Int { lock.withLock { written.count } }

    func add(_ file: OutputFile) throws {
        try record(file.path)
        let target = "\(path)/\(file.path)"
        if let previous, Self.linkUnchanged(target, to: "\(previous)/\(file.path)", holding: file.contents) { return }
        if let problem = OutputFolder.writeFile(file.contents, to: target) {
            throw failure("\(file.path): \(problem)")
        }
    }

    func add(_ copy: OutputFolder.Copy) throws {
        try record(copy.destination)
        let target = "\(path)/\(copy.destination)"
        // A link fails across file systems (EXDEV) or where links are not allowed; then the file is copied.
        if copy.linkable, link(copy.source, target) == 0 { return }
        do {
            try FileManager.default.copyItem(atPath: copy.source, toPath: target)
        } catch {
            throw failure("\(copy.destination): \(describeFileError(error))")
        }
    }

    /// Links `target` to the file at `old` when that is a regular file holding exactly `contents`. The link is made
    /// to the very file that was opened and compared (through `/proc/self/fd`), so a name swapped in between, or a
    /// symbolic link, is never published. False, and nothing made, in every other case.
    private static func linkUnchanged(_ target: String, to old: String, holding contents: Data) -> Bool {
        let descriptor = open(old, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              Int(status.st_size) == contents.count, hasBytes(descriptor, contents)
        else { return false }
        return linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0
    }

    /// Whether the open file's bytes are `contents` (its size was checked already).
    private static func hasBytes(_ descriptor: Int32, _ contents: Data) -> Bool {
        contents.withUnsafeBytes { expected in
            withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 16) { buffer in
                var offset = 0
                while offset < expected.count {
                    let got = read(descriptor, buffer.baseAddress, min(buffer.count, expected.count - offset))
                    if got < 0 && errno == EINTR { continue }
                    guard got > 0, memcmp(buffer.baseAddress!, expected.baseAddress! + offset, got) == 0 else {
                        return false
                    }
                    offset += got
                }
                return true
            }
        }
    }

    /// The diagnostic of a file this build could not write.
    private func failure(_ problem: String) -> Diagnostic {
        .error("could not write the site: \(problem)", at: location)
    }

    /// Lists `relative` in the marker (unless it was announced) and makes its folder, before the file itself exists.
    private func record(_ relative: String) throws {
        try lock.withLock {
            if !announced.contains(relative),
               let problem = OutputFolder.writeAll(Data((relative + "\n").utf8), to: marker)
            {
                throw failure("\(OutputFolder.markerName): \(problem)")
            }
            written.append(relative)
        }
        do {
            try makeFolder(containing: relative)
        } catch {
            throw failure((error as? OutputError)?.message ?? "\(error)")
        }
    }

    /// Each folder once, parents first, with one `mkdir` each (no `stat` per path component), outside the lock:
    /// a post's folder is its own, and making it was the longest part of holding the lock.
    private func makeFolder(containing relative: String) throws {
        guard let slash = relative.lastIndex(of: "/") else { return }
        let folder = String(relative[..<slash])
        guard !lock.withLock({ folders.contains(folder) }) else { return }
        try makeFolder(containing: folder)
        // Only this type makes folders in the staging folder, so a folder already there was made by another
        // thread a moment ago; any other kind of file at the name is a page's, and the folder cannot be made.
        if mkdir("\(path)/\(folder)", 0o755) != 0 {
            let code = errno
            var status = stat()
            guard code == EEXIST, lstat("\(path)/\(folder)", &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                errno = code
                throw Self.failure(folder)
            }
        }
        _ = lock.withLock { folders.insert(folder) }
    }

    /// Rewrites the marker sorted, so that two builds of the same site leave the same marker. The old marker is
    /// replaced by a rename, so at every moment one complete list is in place.
    func finish() throws {
        let manifest = lock.withLock { ([OutputFolder.markerHeader] + written.sorted()).joined(separator: "\n") + "\n" }
        let temporary = "\(path)/\(Self.sortedMarkerName)"
        if let problem = OutputFolder.writeFile(Data(manifest.utf8), to: temporary) {
            throw OutputError(message: "could not write \(OutputFolder.markerName): \(problem)")
        }
        guard rename(temporary, "\(path)/\(OutputFolder.markerName)") == 0 else {
            throw OutputError(message: "could not write \(OutputFolder.markerName): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the folder: everything in it was written by this build.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func failure(_ relative: String) -> OutputError {
        OutputError(message: "\(relative): \(String(cString: strerror(errno)))")
    }
}
