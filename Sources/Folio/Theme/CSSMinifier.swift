// Shrinks a theme's stylesheets as they are published: comments go, runs of whitespace become one space or
// none. Only changes that cannot alter what a browser parses are made, so a theme author never has to
// think about it: strings are copied untouched, and a space is kept before `:` (`a :hover` is not
// `a:hover`) and before `(` (`and (min-width…)` is not the function `and(`).

enum CSSMinifier {
    /// Characters around which whitespace carries no meaning in any CSS context.
    private static let tightBefore = Set("{};,>)".utf8)
    private static let tightAfter = Set("{};,>(:".utf8)

    static func minify(_ css: String) -> String {
        let bytes = Array(css.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0

        func emit(_ byte: UInt8) {
            if pendingSpace, let last = output.last, !tightAfter.contains(last), !tightBefore.contains(byte) {
                output.append(UInt8(ascii: " "))
            }
            pendingSpace = false
            // A declaration's final semicolon is redundant.
            if byte == UInt8(ascii: "}"), output.last == UInt8(ascii: ";") { output.removeLast() }
            output.append(byte)
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                // An unterminated comment runs to the end of the sheet, as browsers read it.
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
                    end += 1
                }
                index = min(end + 2, bytes.count)
                pendingSpace = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
                pendingSpace = true
                index += 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                emit(byte)
                index += 1
                while index < bytes.count {
                    let inner = bytes[index]
                    output.append(inner)
                    index += 1
                    if inner == UInt8(ascii: "\\"), index < bytes.count {
                        output.append(bytes[index])
                        index += 1
                    } else if inner == byte || inner == UInt8(ascii: "\n") {
                        break
                    }
                }
            default:
                emit(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
