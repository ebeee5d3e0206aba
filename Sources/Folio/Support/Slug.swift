// URL slugs and heading ids.
import Foundation

enum Slug {
    /// GitHub's heading-id rule: lowercase; keep letters, digits, `-` and `_`; spaces become `-`;
    /// everything else is dropped. Non-ASCII letters are kept, as GitHub does.
    static func githubHeadingID(_ text: String) -> String {
        if let ascii = asciiHeadingID(text) { return ascii }
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

    /// `githubHeadingID` of ASCII text, on its bytes (most headings): nil when the text is not all ASCII.
    private static func asciiHeadingID(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                case UInt8(ascii: " "): out.append(UInt8(ascii: "-"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"):
                    out.append(byte)
                default: break
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
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
