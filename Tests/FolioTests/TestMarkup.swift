// Rendering outside a build needs a theme's markup partials: tests use the repository's default theme.
import Foundation
@testable import Folio

extension MarkupTemplates {
    /// The partials of `Themes/default/templates/markup/` in this repository, loaded once.
    static let repositoryDefault: MarkupTemplates = {
        let (markup, diagnostics) = MarkupTemplates.load(root: TestSite.repositoryRoot)
        guard let markup else { fatalError("the default theme's markup does not load: \(diagnostics)") }
        return markup
    }()
}

extension Folio {
    /// `renderFragment` with the default theme's markup.
    static func renderFragment(_ text: String, displayPath: String = "<stdin>") -> RenderedMarkdown {
        renderFragment(text, displayPath: displayPath, markup: .repositoryDefault)
    }

    static func renderFragment(bytes: Data, displayPath: String = "<stdin>") -> RenderedMarkdown {
        renderFragment(bytes: bytes, displayPath: displayPath, markup: .repositoryDefault)
    }
}
