// The `load` step's value: everything read from disk once and checked. Later steps never read the project again,
// except the files they copy.

struct Project: Sendable {
    var config: SiteConfig
    var content: LoadedContent
    var companions: Companions
    /// Nil when the theme did not load (the reason is a diagnostic): documents are still resolved, rendered and
    /// checked, so one run reports every problem, but no page is composed.
    var theme: Theme?
    /// The theme with what it was loaded from, for the next build of the dev server; nil in a one-off build.
    var loadedTheme: LoadedTheme? = nil
}
