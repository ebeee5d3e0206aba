// What each watched file held when last seen, so a save that leaves the bytes as they were (an editor saving
// unchanged text, `touch`, a checkout of the same commit) is not a change and starts no rebuild.
import Folio
import Foundation

struct SourceDigests: Sendable {
    /// What is at a path: a file (by a digest of its bytes and their count), a folder, or nothing.
    enum State: Equatable, Sendable {
        case file(digest: UInt64, size: Int)
        case folder
        case missing
    }

    private var files: [String: State] = [:]
    private var folders: Set<String> = []

    /// Records the files directly in `folder` (the watcher walks the tree itself).
    mutating func seed(folder: String) {
        folders.insert(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !Self.ignored(name) {
            let path = folder + "/" + name
            let state = Self.state(at: path)
            if case .file = state { files[path] = state }
        }
    }

    /// The paths of a settled burst whose content differs from what was recorded, recording what they hold
    /// now. A file created and deleted within the burst (an editor's probe file) and a folder that is still a
    /// folder are no change; a new folder is (the files in it are recorded as they are now, and a build reads
    /// them); a folder that went away takes its files' records with it.
    mutating func changes(in paths: Set<String>) -> Set<String> {
        var changed: Set<String> = []
        for path in paths {
            let now = Self.state(at: path)
            let before = files[path] ?? (folders.contains(path) ? .folder : .missing)
            if now != before { changed.insert(path) }
            record(now, at: path)
        }
        return changed
    }

    private mutating func record(_ state: State, at path: String) {
        switch state {
        case .file:
            files[path] = state
        case .folder:
            guard !folders.contains(path) else { return }
            seed(folder: path)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !Self.ignored(name) {
                if case .folder = Self.state(at: path + "/" + name) { record(.folder, at: path + "/" + name) }
            }
        case .missing:
            files[path] = nil
            guard folders.remove(path) != nil else { return }
            let inside = path + "/"
            files = files.filter { !$0.key.hasPrefix(inside) }
            folders = folders.filter { !$0.hasPrefix(inside) }
        }
    }

    /// A symbolic link counts by what it points at, as the build reads it.
    static func state(at path: String) -> State {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { return .folder }
        // An unreadable file is recorded as such: it changed if it was readable before, and a build reports it.
        guard let bytes = FileManager.default.contents(atPath: path) else { return .file(digest: 0, size: -1) }
        return .file(digest: digest(bytes), size: bytes.count)
    }

    /// FNV-1a, 64 bits. With the size alongside, two versions of a file that only differ yet collide are too
    /// unlikely to matter for a preview (and the next real edit rebuilds anyway).
    static func digest(_ bytes: Data) -> UInt64 {
        bytes.withUnsafeBytes(StableDigest.fnv1a)
    }

    /// The names the watcher ignores: hidden files and folders, backup files.
    static func ignored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }
}
