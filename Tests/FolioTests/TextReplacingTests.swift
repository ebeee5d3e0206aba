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

    @Test func anEmptyTargetChangesNothing() {
        #expect("abc".replacingEvery("", with: "x") == "abc")
    }
}
