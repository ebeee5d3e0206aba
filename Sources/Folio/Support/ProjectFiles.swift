// File access for the engine, rooted at one folder: the few operations a build needs, nothing global.
// Tests point it at a temporary folder.
import Foundation
import Synchronization

public struct ProjectFiles: Sendable {
    /// Absolute path of the project root (the folder holding `Content/`).
    public let root: String
    /// The root with every symbolic link resolved: what "inside the project" is measured against.
    let resolvedRoot: String
    /// The real paths of the folders read from: a build makes its own `ProjectFiles`, so a folder that becomes a
    /// link between builds is seen by the next one.
    private let folders = FolderPaths()

    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
        resolvedRoot = Self.realPath(root) ?? root
    }

    public func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root + "/" + relative
    }

    /// A path as shown in diagnostics: relative to the root when inside it.
    public func display(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: absolute(relative))
    }

    public func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolute(relative), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The file's text. Every read goes through `readData`, so a file that leads out of the project is refused,
    /// and text that is not UTF-8 is an error at its first bad byte rather than silent U+FFFD replacements.
    public func readText(_ relative: String) throws(FileProblem) -> String {
        try text(of: try readData(relative), readFrom: relative)
    }

    /// `data`, read from `relative`, as text; an error at the first byte that is not UTF-8.
    func text(of data: Data, readFrom relative: String) throws(FileProblem) -> String {
        if let problem = UTF8Check.firstInvalidByte(in: data) {
            throw FileProblem(
                path: display(absolute(relative)), line: problem.line, column: problem.column,
                message: "this file is not valid UTF-8 (byte 0x\(String(problem.byte, radix: 16, uppercase: true)) "
                    + "here); save it as UTF-8")
        }
        return String(decoding: data, as: UTF8.self)
    }

    public func readData(_ relative: String) throws(FileProblem) -> Data {
        try readData(relative, upTo: Int.max)
    }

    /// At most the first `count` bytes of a file, for reading a header without loading the whole file.
    /// Refuses a file whose real path (symbolic links resolved) lies outside the project root: a cloned
    /// repository must never be able to publish the machine's files.
    public func readData(_ relative: String, upTo count: Int) throws(FileProblem) -> Data {
        try readFile(relative, upTo: count).data
    }

    /// A file's bytes, and which file they were read from (`FileIdentity`, taken from the open descriptor).
    func readDataAndIdentity(_ relative: String) throws(FileProblem) -> (data: Data, identity: FileIdentity) {
        try readFile(relative, upTo: Int.max)
    }

    /// The bytes of a file read before, from `offset` to the end, read again without resolving its path: only for
    /// a caller that then compares the identity with that of the checked read (the same device and inode is the
    /// same file, wherever it is). The bytes before `offset` (a document's front matter) are not read at all.
    func readAgain(_ relative: String, from offset: Int) throws(FileProblem) -> (bytes: [UInt8], identity: FileIdentity) {
        let path = absolute(relative)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let shown = display(path)
            throw FileProblem(path: shown, message: Self.describeErrno(errno, reading: shown))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return ([], FileIdentity()) }
        let identity = FileIdentity(status)
        // Only what fstat saw: a file that changed meanwhile has another identity, and the caller refuses it.
        let wanted = max(0, identity.size - offset)
        var problem: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            while count < wanted {
                let got = pread(descriptor, buffer.baseAddress! + count, wanted - count, off_t(offset + count))
                if got < 0, errno == EINTR { continue }
                if got < 0 { problem = errno }
                if got <= 0 { break }
                count += got
            }
        }
        if problem != 0 {
            let shown = display(path)
            throw FileProblem(path: shown, message: Self.describeErrno(problem, reading: shown))
        }
        return (bytes, identity)
    }

    private func readFile(_ relative: String, upTo count: Int)
        throws(FileProblem) -> (data: Data, identity: FileIdentity)
    {
        let path = absolute(relative)
        let shown = display(path)
        let descriptor = try openChecked(path, shown: shown)
        guard descriptor >= 0 else { throw FileProblem(path: shown, message: Self.describeErrno(errno, reading: shown)) }
        defer { close(descriptor) }
        var status = stat()
        let identity = fstat(descriptor, &status) == 0 ? FileIdentity(status) : FileIdentity()
        // A regular file's read comes back short only at its end: the buffer's extra byte shows the end in the
        // first call. Anything else (a pipe, a file in /proc) is read until a read returns nothing.
        let regular = identity.size >= 0 && status.st_mode & S_IFMT == S_IFREG
        // Read into a buffer of the file's size (plus one byte, to see the end in the same call); a file that
        // grows meanwhile is read on to its end.
        var data = Data(count: min(count, max(0, identity.size) + 1))
        var filled = 0
        while filled < count {
            if filled == data.count { data.count = min(count, max(data.count * 2, 64 * 1024)) }
            let wanted = data.count - filled
            let got = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileProblem(path: shown, message: Self.describeErrno(errno, reading: shown))
            }
            if got == 0 { break }
            filled += got
            if regular, got < wanted { break }
        }
        data.count = filled
        return (data, identity)
    }

    /// The file opened for reading, once it is known to be inside the project. A file that is not a symbolic link
    /// is where its folder really is: the folder's real path is resolved once per build (`folders`), not once per
    /// file (resolving is a `readlink` for every part of the path). A link is resolved in full, as before.
    private func openChecked(_ path: String, shown: String) throws(FileProblem) -> Int32 {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.utf8.startIndex
        let folder = String(path[..<slash]), name = String(path[slash...].dropFirst())
        // A name such as `..` is not a file in its folder: such a path is resolved in full.
        let plainName = !name.isEmpty && name != "." && name != ".."
        let descriptor = plainName ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1
        if descriptor < 0 {
            guard !plainName || errno == ELOOP else { return descriptor }
            guard let real = Self.realPath(path) else {
                throw FileProblem(path: shown, message: Self.describeErrno(errno, reading: shown))
            }
            guard isInside(real) else { throw FileProblem.outsideProject(shown, target: real) }
            return open(path, O_RDONLY | O_CLOEXEC)
        }
        guard let realFolder = folders.realPath(of: folder.isEmpty ? "/" : folder) else {
            let code = errno
            close(descriptor)
            throw FileProblem(path: shown, message: Self.describeErrno(code, reading: shown))
        }
        let real = (realFolder == "/" ? "" : realFolder) + "/" + name
        guard isInside(real) else {
            close(descriptor)
            throw FileProblem.outsideProject(shown, target: real)
        }
        return descriptor
    }

    /// Names of the entries directly in a folder, sorted; empty when it does not exist.
    public func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: absolute(relative))) ?? []).sorted()
    }

    /// What is below a folder: regular files (and links to files), and the links to folders that were not
    /// followed, as paths relative to that folder, sorted. Hidden files are skipped.
    public struct Listing: Sendable, Equatable {
        public var files: [String] = []
        public var linkedFolders: [String] = []
    }

    public func listing(in relative: String) -> Listing {
        let base = absolute(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return Listing() }
        var listing = Listing()
        while let item = enumerator.nextObject() as? String {
            let name = (item as NSString).lastPathComponent
            let full = base + "/" + item
            var status = stat()
            guard lstat(full, &status) == 0 else { continue }
            let isLink = status.st_mode & S_IFMT == S_IFLNK
            let isFolder = status.st_mode & S_IFMT == S_IFDIR || isLink && isDirectory(relative + "/" + item)
            if name.hasPrefix(".") {
                if isFolder && !isLink { enumerator.skipDescendants() }
                continue
            }
            if isFolder {
                if isLink { listing.linkedFolders.append(item) }
                continue
            }
            listing.files.append(item)
        }
        listing.files.sort()
        listing.linkedFolders.sort()
        return listing
    }

    /// Every regular file below a folder, as paths relative to that folder, sorted. Hidden files are skipped.
    public func filesRecursively(in relative: String) -> [String] { listing(in: relative).files }

    /// Where a path really leads when symbolic links take it outside the project root; nil when it stays inside.
    public func resolvedOutsideRoot(_ relative: String) -> String? {
        guard let resolved = Self.realPath(absolute(relative)) else { return nil }
        return isInside(resolved) ? nil : resolved
    }

    func isInside(_ realPath: String) -> Bool {
        realPath == resolvedRoot || realPath.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An operating system error in words, with the path: never a raw NSError dump.
    static func describeErrno(_ code: Int32, reading path: String) -> String {
        switch code {
        case ENOENT: "\(path) does not exist"
        case EACCES: "cannot read \(path): permission denied"
        case EMFILE, ENFILE:
            "cannot read \(path): too many open files (the process has run out of file descriptors; "
                + "raise the limit with 'ulimit -n' or close what holds them)"
        case EISDIR: "\(path) is a folder, not a file"
        case ELOOP: "\(path) is a loop of symbolic links"
        default: "cannot read \(path): \(String(cString: strerror(code)))"
        }
    }

    public func write(_ data: Data, to relative: String) throws {
        let path = absolute(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Walks up from `start` to the first folder holding `Content/site.yml`.
    public static func findRoot(from start: String) -> String? {
        var current = URL(fileURLWithPath: start).standardizedFileURL.path
        while true {
            if FileManager.default.fileExists(atPath: current + "/Content/site.yml") { return current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }
}

/// A file Folio could not use, said in words, with where: becomes a diagnostic.
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line = 1
    public var column = 1
    public var message: String

    public var description: String { message }
    public var diagnostic: Diagnostic { .error(message, at: SourceLocation(path: path, line: line, column: column)) }

    static func outsideProject(_ path: String, target: String) -> FileProblem {
        FileProblem(path: path, message: "\(path) is a symbolic link to \(target), outside the project; Folio reads "
            + "and publishes only files inside the project. Copy the file into the project instead")
    }
}

/// Finds the first byte that is not part of well-formed UTF-8, with its line and column (columns count bytes).
enum UTF8Check {
    static func firstInvalidByte(in data: Data) -> (line: Int, column: Int, byte: UInt8)? {
        data.withUnsafeBytes { raw -> (Int, Int, UInt8)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0, line = 1, lineStart = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0A { line += 1; lineStart = index + 1 }
                    index += 1
                    continue
                }
                guard let length = UTF8Sequence.length(at: index, in: bytes) else {
                    return (line, index - lineStart + 1, byte)
                }
                index += length
            }
            return nil
        }.map { (line: $0.0, column: $0.1, byte: $0.2) }
    }
}

/// A Foundation file error in words: the operating system's reason and the path, never an NSError dump.
func describeFileError(_ error: any Error) -> String {
    if let problem = error as? FileProblem { return problem.message }
    if let output = error as? OutputError { return output.message }
    let nsError = error as NSError
    let path = (nsError.userInfo[NSFilePathErrorKey] as? String) ?? (nsError.userInfo["NSDestinationFilePath"] as? String)
    var code: Int32?
    if nsError.domain == NSPOSIXErrorDomain { code = Int32(nsError.code) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        code = Int32(underlying.code)
    }
    if code == nil, nsError.domain == NSCocoaErrorDomain {
        // Foundation on Linux often reports only its own code; these are the ones a build meets.
        switch nsError.code {
        case 4, 260: code = ENOENT
        case 257, 513: code = EACCES
        case 516: code = EEXIST
        case 640: code = ENOSPC
        default: break
        }
    }
    let reason = code.map { String(cString: strerror($0)) } ?? nsError.localizedDescription
    return path.map { "\($0): \(reason)" } ?? reason
}

/// Which file, and which version of it, a read saw: device, inode, size and modification time. Two reads with
/// equal identities read the same bytes, short of a writer that restores the time it changed.
struct FileIdentity: Sendable, Equatable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size = -1
    var modified = timespec()

    init() {}

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modified = status.st_mtim
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}

/// Real paths of folders, each resolved once.
private final class FolderPaths: Sendable {
    private let paths = Mutex<[String: String]>([:])

    func realPath(of folder: String) -> String? {
        if let known = paths.withLock({ $0[folder] }) { return known }
        guard let real = ProjectFiles.realPath(folder) else { return nil }
        paths.withLock { $0[folder] = real }
        return real
    }
}
