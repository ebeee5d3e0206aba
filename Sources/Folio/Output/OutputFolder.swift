// The output folder's safety: the site is written to a staging folder beside it (`StagingFolder`) and swapped in
// only when all of it is written. The output folder carries a marker listing every file Folio wrote; Folio
// refuses to replace a folder without the marker, or one holding files it did not write.
import Foundation

struct OutputFolder {
    static let markerName = ".folio-output"
    static let markerHeader = "# Written by Folio. Folio replaces this folder on every build; it keeps nothing else here."

    /// Absolute path of the output folder, with `.` and `..` resolved (see `resolvedPath`).
    var path: String
    /// How the folder is named in messages.
    var displayPath: String

    init(path: String, displayPath: String) {
        self.path = Self.resolvedPath(path)
        self.displayPath = displayPath
    }

    /// The folder an output path names, spelt one way: its parent's real path (symbolic links and `..`
    /// resolved as the kernel resolves them) plus its own name. `public/../public` and `./public` become
    /// `<root>/public`, so the staging folder, the swap and the rollback all work on the same folder. The last
    /// component is kept as it is: when it is a link, `problems()` refuses it rather than following it.
    static func resolvedPath(_ path: String) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // Trailing `.` and `..` name a folder by its parent: resolve the whole path then.
        if let last = components.last, last == "." || last == ".." {
            if let real = ProjectFiles.realPath(path) { return real }
            components = lexicallyNormalised(components)
        }
        guard let name = components.popLast() else { return "/" }
        var parent = "/" + components.joined(separator: "/")
        // The deepest part of the parent that exists is resolved by the kernel; the rest is not there yet, so
        // no link can hide in it and it is normalised as text.
        var missing: [String] = []
        while ProjectFiles.realPath(parent) == nil, parent != "/" {
            missing.insert((parent as NSString).lastPathComponent, at: 0)
            parent = (parent as NSString).deletingLastPathComponent
        }
        let base = ProjectFiles.realPath(parent) ?? parent
        let rest = lexicallyNormalised(base.split(separator: "/").map(String.init) + missing + [name])
        return "/" + rest.joined(separator: "/")
    }

    private static func lexicallyNormalised(_ components: [String]) -> [String] {
        var out: [String] = []
        for component in components {
            switch component {
            case ".", "": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(component)
            }
        }
        return out
    }

    /// A file to copy into the site as it is.
    struct Copy: Sendable {
        var source: String
        var destination: String
        /// The source is an immutable cache file (a card or diagram PNG named by its digest): it is hard-linked
        /// into the site rather than copied, which saves the copy's time and disk (700 MB for 10,000 cards).
        var linkable = false
    }

    /// Problems that stop a build before anything is written.
    func problems() -> [Diagnostic] {
        let manager = FileManager.default
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            let target = ProjectFiles.realPath(path) ?? "a path that does not exist"
            return [.error(
                "the output path \(displayPath) is a symbolic link (to \(target)); Folio does not replace or follow "
                    + "links. Build into the folder itself with --output \(target)", at: SourceLocation(path: displayPath))]
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        let location = SourceLocation(path: displayPath)
        guard isDirectory.boolValue else {
            return [.error("the output path \(displayPath) is a file; Folio will not replace it", at: location)]
        }
        let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        if entries.isEmpty { return [] }
        guard let manifest = readManifest() else {
            return [.error(
                "refusing to replace \(displayPath)/: it was not written by Folio (it has no \(Self.markerName) marker). "
                    + "Move it away or build elsewhere with --output", at: location)]
        }
        let foreign = existingFiles().filter { !manifest.contains($0) && $0 != Self.markerName }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(5).map { "\(displayPath)/\($0)" }.joined(separator: ", ")
            let more = foreign.count > 5 ? " and \(foreign.count - 5) more" : ""
            return [.error(
                "refusing to replace \(displayPath)/: it holds files Folio did not write (\(shown)\(more)). "
                    + "Move them out; static files belong in Content/static/", at: location)]
        }
        return []
    }

    /// Makes an empty staging folder beside the output folder (removing what killed builds left there), for
    /// compose to write the site into.
    func stage() throws -> StagingFolder {
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        Self.removeLeftovers(of: name, in: parent)
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return try StagingFolder(path: "\(parent)/.\(name).staging-\(token)", token: token, output: displayPath,
                                 previous: FileManager.default.fileExists(atPath: path) ? path : nil)
    }

    /// Puts the finished staging folder in the output folder's place (the previous site is then removed), or
    /// removes the staging folder when that fails. Returns the number of files in the site.
    func publish(_ staging: StagingFolder) throws -> Int {
        do {
            try staging.finish()
            try swapIn(staging.path, parent: (path as NSString).deletingLastPathComponent,
                       name: (path as NSString).lastPathComponent, token: staging.token)
        } catch {
            staging.discard()
            throw error
        }
        return staging.count
    }

    /// Staging and old folders left beside the output by a build that was killed. Each is removed only when its
    /// marker proves Folio wrote everything in it: each file is listed in the marker before it is created, so a
    /// half-written staging folder still lists every file it holds.
    static func removeLeftovers(of name: String, in parent: String) {
        let manager = FileManager.default
        for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? []
        where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            let folder = OutputFolder(path: "\(parent)/\(entry)", displayPath: entry)
            guard let manifest = folder.readManifest() else { continue }
            let own: Set = [markerName, StagingFolder.sortedMarkerName]
            if folder.existingFiles().allSatisfy({ manifest.contains($0) || own.contains($0) }) {
                try? manager.removeItem(atPath: folder.path)
            }
        }
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` calls `fsync` for every file, which
    /// made writing 10,000 pages take seconds; the staging swap already makes the visible result all-or-nothing.
    /// Returns a description of the failure, or nil.
    static func writeFile(_ data: Data, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        let failure = writeAll(data, to: descriptor)
        if close(descriptor) != 0 && failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    /// Writes all of `data` to an open file, through short writes and signals. Returns the failure, or nil.
    static func writeAll(_ data: Data, to descriptor: Int32) -> String? {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }

    private func swapIn(_ staging: String, parent: String, name: String, token: String) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else {
            try manager.moveItem(atPath: staging, toPath: path)
            return
        }
        // Checked again right before the swap: nothing foreign may have appeared while the site was built.
        if let problem = problems().first { throw OutputError(message: problem.message) }
        // One atomic exchange where the kernel offers it; two renames elsewhere, where a kill between them
        // leaves the site in `.NAME.old-*` (the next build removes it) and no folder at the output path.
        switch AtomicExchange.exchange(staging, path) {
        case .exchanged:
            // `staging` now holds the previous site, every file of it listed in its marker (checked above).
            try manager.removeItem(atPath: staging)
            return
        case .failed(let reason):
            throw OutputError(message: "could not swap the new site into \(displayPath): \(reason)")
        case .unsupported:
            break
        }
        let old = "\(parent)/.\(name).old-\(token)"
        try manager.moveItem(atPath: path, toPath: old)
        do {
            try manager.moveItem(atPath: staging, toPath: path)
        } catch {
            try? manager.moveItem(atPath: old, toPath: path)
            throw error
        }
        // Every file in `old` is listed in its marker (checked above) or is an empty folder: all Folio's.
        try manager.removeItem(atPath: old)
    }

    func readManifest() -> Set<String>? {
        guard let text = try? String(contentsOfFile: "\(path)/\(Self.markerName)", encoding: .utf8) else { return nil }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }

    /// Everything under the output folder that is not a folder (files, symbolic links, which are not followed),
    /// relative to it and sorted. Each folder is read in one pass, with each entry's type as the folder gives it
    /// (`d_type`; `lstat` only where the file system does not say): Foundation's enumerator and two attribute
    /// lookups per file took 1.5 s for a 10,000-post site, and the check runs twice per build into an old site.
    func existingFiles() -> [String] {
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? path : "\(path)/\(relative)"
            guard let stream = opendir(folder) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                guard name != ".", name != ".." else { continue }
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                var isFolder = Int32(entry.pointee.d_type) == DT_DIR
                if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                    var status = stat()
                    isFolder = lstat("\(folder)/\(name)", &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { pending.append(child) } else { files.append(child) }
            }
        }
        return files.sorted()
    }
}

struct OutputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
