// The path arithmetic of internal links, on bytes: `normalize` resolves `.` and `..` between slashes as a
// segment-by-segment reading does, and `isExternal` reads the scheme in any case.
import Testing
@testable import Folio

@Suite struct LinkPathTests {
    /// `normalize`'s meaning: split at slashes, drop empty and `.` segments, `..` takes one back.
    static func reference(_ path: String) -> String? {
        var kept: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            if segment == "." { continue }
            if segment == ".." {
                guard !kept.isEmpty else { return nil }
                kept.removeLast()
            } else {
                kept.append(segment)
            }
        }
        return kept.joined(separator: "/")
    }

    @Test func normalizingReadsSegmentsAsASegmentBySegmentReadingDoes() {
        var generator = SplitMix(seed: 7)
        let pieces = ["/", "//", ".", "..", "a", "bc", "...", ".a", "a.", "caf\u{E9}", "%20", "-"]
        for round in 0..<5_000 {
            let path = (0..<Int(generator.next() % 9)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
            #expect(Links.normalize(path) == Self.reference(path), "round \(round): \(path.debugDescription)")
        }
        #expect(Links.normalize("/posts/a/../b/./c/") == "posts/b/c")
        #expect(Links.normalize("/posts/../..") == nil)
        #expect(Links.normalize("") == "")
    }

    @Test func aWebLinkIsExternalInAnyCase() {
        for url in ["https://a.org", "HTTPS://a.org", "Http://a", "//cdn.example/x"] { #expect(Links.isExternal(url), "\(url)") }
        for url in ["/posts/a/", "../b.md", "mailto:a@b.c", "http:/x", "httpx://a", "htt", ""] {
            #expect(!Links.isExternal(url), "\(url)")
        }
    }
}
