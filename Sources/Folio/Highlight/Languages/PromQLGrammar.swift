// PromQL: metric names as variables, `{label="value"}` matchers, functions and aggregations, binary operators and
// their modifiers (`by`, `on`, `group_left`…) as keywords, the label lists after them, `[5m]` ranges and durations.

struct PromQLGrammar: Grammar {
    let names = ["promql"]

    static let keywords: Set<String> = [
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
        "atan2",
    ]
    /// Keywords followed by a list of label names: `sum by (job, code)`, `on (instance) group_left (team)`.
    static let labelListKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]
    /// Aggregation operators, which PromQL reads in any case (`SUM BY (job)`).
    static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
        "quantile", "limitk", "limit_ratio",
    ]
    static let functions: Set<String> = [
        "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
        "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg",
        "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
        "histogram_sum", "holt_winters", "double_exponential_smoothing", "hour", "idelta", "increase", "irate",
        "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate", "resets",
        "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "time",
        "timestamp", "vector", "year", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
        "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
        "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
        "deg", "pi", "rad", "sin", "sinh", "tan", "tanh",
    ]

    func tokenize(_ s: inout Scanner) {
        var inMatchers = false  // inside `{…}`: label names, matchers, values
        var labelList = 0  // 1 after a grouping keyword, 2 inside its `(…)`
        while let byte = s.current {
            let start = s.position
            if Scanner.isSpace(byte) || byte == 0x0A {
                s.advance()
                continue
            }
            if byte == 0x23 {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if byte == 0x22 || byte == 0x27 || byte == 0x60 {
                s.advanceOverQuoted(escapes: byte != 0x60)
                s.emit(.string, from: start)
            } else if s.scanNumber() {
                // `5m`, `1h30m`, `0.99`, `1e3`: scanNumber takes unit suffixes with the digits.
            } else if Scanner.isIdentifierStart(byte) {
                // Names may have colons: recording rules such as `job:errors:rate5m`.
                s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x3A })
                let word = s.text(from: start)
                let lowercased = word.lowercased()
                let kind: TokenKind?
                if inMatchers || labelList == 2 {
                    kind = .property
                } else if Self.keywords.contains(lowercased) {
                    kind = .keyword
                } else if lowercased == "inf" || lowercased == "nan" {
                    kind = .number
                } else if Self.aggregations.contains(lowercased) || Self.functions.contains(word)
                            || s.firstNonSpace(from: s.position) == 0x28 {
                    kind = .function  // `sum by (job) (…)` has no `(` after the name; unknown calls do
                } else {
                    kind = .variable  // a metric name
                }
                if labelList != 2 { labelList = Self.labelListKeywords.contains(lowercased) ? 1 : 0 }
                s.emit(kind, from: start)
            } else {
                s.advanceCharacter()
                // Two-byte operators: =~ !~ != == >= <=
                if let next = s.current, next == 0x7E || next == 0x3D, "=!<>".utf8.contains(byte) { s.advance() }
                s.emit(CLikeGrammar.isOperator(byte) || byte == 0x40 ? .operator : .punctuation, from: start)
                switch byte {
                case 0x7B: inMatchers = true
                case 0x7D: inMatchers = false
                case 0x28 where labelList == 1: labelList = 2
                case 0x29: labelList = 0
                default: if labelList == 1 { labelList = 0 }
                }
            }
        }
    }
}
