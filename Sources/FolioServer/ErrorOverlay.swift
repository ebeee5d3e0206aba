// What a failed build looks like in the browser: its diagnostics, escaped, over the last good page (or alone on
// an error page when no build has succeeded yet).
import Folio

enum ErrorOverlay {
    /// The overlay's HTML on one line, so it travels as one `data:` line of an event.
    /// `underGoodBuild`: whether the page below is the last good build (false on the first-failure page,
    /// where there is none, and saying otherwise would send the writer looking for it).
    static func html(for diagnostics: [Diagnostic], underGoodBuild: Bool = true) -> String {
        let errors = diagnostics.errorCount
        let items = diagnostics.map { diagnostic in
            let place = diagnostic.location.map { "\($0.path):\($0.line):\($0.column)" } ?? "folio"
            return "<li style=\"margin:.4em 0\"><code style=\"color:#ffb4a9\">\(escape(place))</code> "
                + "<strong>\(diagnostic.severity.rawValue):</strong> \(escape(diagnostic.message))</li>"
        }.joined()
        // An opaque panel over the top of the page: the messages never mix with the page's own text.
        return "<div role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:80vh;z-index:2147483647;"
            + "overflow:auto;background:#18181b;color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;padding:1.5em 2em;"
            + "border-bottom:3px solid #ff6b6b;box-shadow:0 8px 32px rgba(0,0,0,.45)\">"
            + "<h2 style=\"margin-top:0;color:#ff6b6b\">folio serve: the build failed with \(errors) "
            + "error\(errors == 1 ? "" : "s")</h2><ul style=\"padding-left:1.2em\">\(items)</ul>"
            + "<p style=\"color:#a1a1aa\">"
            + (underGoodBuild ? "Showing the last good build underneath. " : "No build has succeeded yet, so there is no site to show. ")
            + "Save a fix and this page reloads.</p></div>"
    }

    /// A whole page for when there is no good build to show.
    static func page(for diagnostics: [Diagnostic]) -> String {
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Build failed · folio serve</title></head>"
            + "<body><div id=\"folio-errors\">\(html(for: diagnostics, underGoodBuild: false))</div></body></html>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
