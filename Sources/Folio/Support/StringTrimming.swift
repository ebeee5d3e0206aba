// Trimming the blanks around a text: for titles, headings, summaries and dates, from every part of the engine.

extension String {
    /// Whether the first and last bytes are visible ASCII: then no kind of trimming has anything to take, and the
    /// characters need not be walked to find that out.
    var hasVisibleASCIIEnds: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
    }

    func trimmingWhitespace() -> String {
        if hasVisibleASCIIEnds { return self }  // most headings and paragraphs
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    func trimmingTrailingWhitespace() -> String {
        var slice = Substring(self)
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
