// The site as served: an immutable map from site path to bytes, made from one build. A rebuild makes a new
// snapshot and swaps it in whole (`SiteStore`), so a request never sees half of one build and half of another.
import Folio
import Foundation
import NIOCore

struct ServedFile: Sendable {
    /// What is sent: the built bytes, with the live-reload script added to HTML.
    var body: ByteBuffer
    var contentType: String
    /// Strong validator for `If-None-Match`: a hash of `body`, kept as long as the bytes stay the same.
    var etag: String
    /// What `body` was made from, so the next build's file can be compared without re-reading or re-injecting.
    var origin: Origin

    enum Origin: Equatable, Sendable {
        /// A generated file's bytes as built.
        case built(Data)
        /// A copied file, by its source path and what `stat` said of it when it was read.
        case copied(source: String, stamp: FileStamp)
    }
}

/// Enough of `stat` to tell that a file was rewritten: size, modification time to the nanosecond, inode (an
/// editor's or the card cache's rename into place gives a new one).
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

struct SiteSnapshot: Sendable {
    var files: [String: ServedFile] = [:]
    /// Errors and warnings of the latest build when it failed; empty when it succeeded.
    var failure: [Diagnostic] = []
    /// The number of the build this snapshot comes from (builds are counted from 1, failed and abandoned ones
    /// included).
    var generation = 0

    /// The result of folding one build into the snapshot before it.
    struct Update: Sendable {
        var snapshot: SiteSnapshot
        /// Site paths whose bytes were added, changed or removed.
        var changed: [String]
        /// The build before had failed and this one did not.
        var recovered = false
    }

    /// The next snapshot, from build number `number`. A failed build keeps every file of this one and records its
    /// diagnostics (`diagnostics`, the build's own unless the server adds some); a good build replaces the files,
    /// reusing the entries (and ETags) of files whose bytes did not change. A copy whose source has the same
    /// `stat` as when it was read is not read again; a page equal to the one built before is not wrapped again.
    func applying(_ result: BuildResult, diagnostics: [Diagnostic], number: Int,
                  readCopy: (CopiedFile) throws -> Data = Self.read) -> Update {
        var next = self
        next.generation = number
        var diagnostics = diagnostics
        var fresh: [String: (body: ByteBuffer?, origin: ServedFile.Origin)] = [:]
        if !diagnostics.hasErrors {
            for page in result.pages {
                let origin = ServedFile.Origin.built(page.contents)
                fresh[page.path] = (files[page.path]?.origin == origin ? nil : ByteBuffer(bytes: page.contents), origin)
            }
            for copy in result.copies {
                let stamp = FileStamp(path: copy.source)
                let origin = stamp.map { ServedFile.Origin.copied(source: copy.source, stamp: $0) }
                if let origin, files[copy.destination]?.origin == origin {
                    fresh[copy.destination] = (nil, origin)
                    continue
                }
                do {
                    let bytes = try readCopy(copy)
                    // Without a stamp the file is read again next time; with one taken before the read, a write
                    // during the read leaves a stamp that no longer matches.
                    fresh[copy.destination] = (ByteBuffer(bytes: bytes),
                                               origin ?? .built(bytes))
                } catch {
                    diagnostics.append(.error("could not read \(copy.source): \(error.localizedDescription)",
                                              at: SourceLocation(path: copy.source)))
                }
            }
        }
        guard !diagnostics.hasErrors else {
            next.failure = diagnostics
            return Update(snapshot: next, changed: [])
        }
        let recovered = !failure.isEmpty
        next.failure = []
        var files: [String: ServedFile] = [:]
        var changed: [String] = []
        for (path, (bytes, origin)) in fresh {
            let old = self.files[path]
            guard let bytes else {
                // Made from what the old entry was made from (`bytes` is nil only then).
                if let old { files[path] = old }
                continue
            }
            let body = ContentTypes.isHTML(path) ? LiveReloadScript.inject(into: bytes) : bytes
            if var old, old.body == body {
                old.origin = origin
                files[path] = old
            } else {
                files[path] = ServedFile(body: body, contentType: ContentTypes.forPath(path), etag: Self.etag(of: body),
                                         origin: origin)
                changed.append(path)
            }
        }
        changed += self.files.keys.filter { files[$0] == nil }
        next.files = files
        return Update(snapshot: next, changed: changed.sorted(), recovered: recovered)
    }

    static func read(_ copy: CopiedFile) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: copy.source))
    }

    /// A digest of the bytes (`StableDigest.wordwise`), quoted as HTTP wants: it only tells versions of a file apart.
    static func etag(of body: ByteBuffer) -> String {
        let hash = body.withUnsafeReadableBytes(StableDigest.wordwise)
        return "\"\(String(hash, radix: 16))-\(body.readableBytes)\""
    }
}

/// The dev server's current site. Requests read one snapshot; the rebuild coordinator swaps in the next.
actor SiteStore {
    private(set) var current = SiteSnapshot()

    /// Folds build number `number` into the site and serves it, unless a later build is already served (nil):
    /// an older build never replaces a newer one.
    func publish(_ result: BuildResult, diagnostics: [Diagnostic], number: Int) -> SiteSnapshot.Update? {
        guard number > current.generation else { return nil }
        let update = current.applying(result, diagnostics: diagnostics, number: number)
        current = update.snapshot
        return update
    }
}
