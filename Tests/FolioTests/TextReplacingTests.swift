// `replacingEvery`, the byte-level replacement the feeds use, agrees with Foundation's on the text they see.
import Foundation
import Testing
@testable import Folio

struct TextReplacingTests {
    @Test(arguments: [
        ("<a href=\"/posts/x/\">x</a> <img src=\"/a.png\">", " href=\"/", " href=\"https://example.org/"),
        ("aaaa", "aa", "b"),
        ("café <a id=\"fn:1\">¹</a> naïve id=\"fn:2\"", "id=\"fn:", "id=\"slug-fn:"),
        ("no match here", "zzz", "y"),
        ("xy", "xyz", "q"),
        ("at the end=\"//", "=\"//", "=\""),
        ("", "a", "b"),
    ])
    func agreesWithFoundation(text: String, target: String, replacement: String) {
        #expect(text.replacingEvery(target, with: replacement)
                    == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test func replacingEachInOnePassEqualsReplacingPairByPair() {
        let html = "<p id=\"fn:1\">café <a href=\"#fnref:1\">↩</a> <a href=\"#fn:2\">2</a> id=\"fnref:2:3\"</p>"
        let pairs = [("id=\"fn:", "id=\"s-fn:"), ("id=\"fnref:", "id=\"s-fnref:"), ("href=\"#fn:", "href=\"#s-fn:"),
                     ("href=\"#fnref:", "href=\"#s-fnref:")]
        let sequential = pairs.reduce(html) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        #expect(html.replacingEach(pairs.map { (target: $0.0, replacement: $0.1) }) == sequential)
        #expect("none".replacingEach([(target: "x", replacement: "y")]) == "none")
        #expect("ab".replacingEach([(target: "ab", replacement: "1"), (target: "a", replacement: "2")]) == "1",
                "the first pair that matches wins")
        #expect("tail a".replacingEach([(target: "a ", replacement: "!")]) == "tail a", "a target past the end")
    }

    @Test func anEmptyTargetChangesNothing() {
        #expect("abc".replacingEvery("", with: "x") == "abc")
    }
}
