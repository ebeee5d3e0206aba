// URL slugs and heading ids.
import Foundation

enum Slug {
    /// GitHub's heading-id rule: lowercase; keep letters, digits, `-` and `_`; spaces become `-`;
    /// everything else is dropped. Non-ASCII letters are kept, as GitHub does.
    static func githubHeadingID(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character == " " {
                out.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                out.append(character)
            }
        }
        return out
    }

    /// A URL path segment from a title, file name or tag: lowercase ASCII letters and digits joined by
    /// single hyphens, accents dropped. `Go & gRPC: Part 2` becomes `go-grpc-part-2`, `Café` `cafe`.
    static func make(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        let folded = text.unicodeScalars.allSatisfy(\.isASCII)
            ? text : text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.lowercased().unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isAlnum {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "+" && out.isEmpty == false {
                // Keep "c++" distinguishable from "c".
                out += "plus"
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
