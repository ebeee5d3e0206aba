// File access for the engine, rooted at one folder: the few operations a build needs, nothing global.
// Tests point it at a temporary folder.
import Foundation

public struct ProjectFiles: Sendable {
    /// Absolute path of the project root (the folder holding `Content/`).
    public let root: String

    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
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

    public func readText(_ relative: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: absolute(relative)))
        return String(decoding: data, as: UTF8.self)
    }

    public func readData(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: absolute(relative)))
    }

    /// At most the first `count` bytes of a file, for reading a header without loading the whole file.
    public func readData(_ relative: String, upTo count: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: absolute(relative)))
        defer { try? handle.close() }
        return try handle.read(upToCount: count) ?? Data()
    }

    /// Names of the entries directly in a folder, sorted; empty when it does not exist.
    public func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: absolute(relative))) ?? []).sorted()
    }

    /// Every regular file below a folder, as paths relative to that folder, sorted. Hidden files are skipped.
    public func filesRecursively(in relative: String) -> [String] {
        let base = absolute(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            let name = (item as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if isDirectory(relative + "/" + item) { enumerator.skipDescendants() }
                continue
            }
            if !isDirectory(relative + "/" + item) { files.append(item) }
        }
        return files.sorted()
    }

    /// Where a path really leads when symbolic links take it outside the project root; nil when it stays inside.
    public func resolvedOutsideRoot(_ relative: String) -> String? {
        guard let resolvedRoot = Self.realPath(root), let resolved = Self.realPath(absolute(relative)) else { return nil }
        return resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") ? nil : resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func write(_ data: Data, to relative: String) throws {
        let path = absolute(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    public func createDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: absolute(relative), withIntermediateDirectories: true)
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
