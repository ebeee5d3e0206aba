// What a Mermaid `xychart-beta` or `pie` fence says, with the positions diagnostics need: the parsers build it,
// the layouts read it, the text and table writers state it in words.

struct XYChartModel: Sendable, Equatable {
    enum Orientation: Sendable { case vertical, horizontal }

    /// The category (x) axis: named categories, or a numeric range the points spread evenly across.
    enum CategoryAxis: Sendable, Equatable {
        case categories([String])
        case range(Double, Double)
        /// No `x-axis` values: the points are numbered 1, 2, 3…
        case automatic
    }

    struct Series: Sendable, Equatable {
        enum Kind: String, Sendable { case bar, line }
        var kind: Kind
        var name: String?
        var values: [Double]
        var line: Int
        var column: Int
    }

    var orientation = Orientation.vertical
    var title: String?
    var xTitle: String?
    var xAxis = CategoryAxis.automatic
    var yTitle: String?
    /// `y-axis … min --> max`, as written.
    var yRange: (min: Double, max: Double)?
    var series: [Series] = []
    var accessibleTitle: String?
    var accessibleDescription: String?

    /// How many points each series has (they all have the same number once the parser accepted them).
    var pointCount: Int { series.map(\.values.count).max() ?? 0 }

    /// The label of point `index` on the category axis.
    func categoryLabel(_ index: Int) -> String {
        switch xAxis {
        case .categories(let names): return index < names.count ? names[index] : String(index + 1)
        case .automatic: return String(index + 1)
        case .range(let low, let high):
            let count = pointCount
            guard count > 1 else { return ChartNumber.format(low) }
            return ChartNumber.format(low + (high - low) * Double(index) / Double(count - 1))
        }
    }

    /// A series' name for legends, tables and descriptions: its title, or "bar 1", "line 2"…
    func displayName(of index: Int) -> String {
        if let name = series[index].name, !name.isEmpty { return name }
        let kind = series[index].kind
        let number = series[..<index].filter { $0.kind == kind }.count + 1
        return "\(kind.rawValue) \(number)"
    }

    static func == (left: XYChartModel, right: XYChartModel) -> Bool {
        left.orientation == right.orientation && left.title == right.title && left.xTitle == right.xTitle
            && left.xAxis == right.xAxis && left.yTitle == right.yTitle && left.yRange?.min == right.yRange?.min
            && left.yRange?.max == right.yRange?.max && left.series == right.series
            && left.accessibleTitle == right.accessibleTitle
            && left.accessibleDescription == right.accessibleDescription
    }
}

struct PieChartModel: Sendable, Equatable {
    struct Slice: Sendable, Equatable {
        var label: String
        var value: Double
    }

    var title: String?
    /// `pie showData`: the legend shows each value next to its label.
    var showData = false
    var slices: [Slice] = []
    var accessibleTitle: String?
    var accessibleDescription: String?

    var total: Double { slices.reduce(0) { $0 + $1.value } }
}

/// Numbers as a chart prints them: whole numbers without a decimal point, others with up to four decimals,
/// never `-0`, never an exponent.
enum ChartNumber {
    static func format(_ value: Double, decimals: Int = 4) -> String {
        guard value.isFinite else { return "0" }
        let scale = pow10(decimals)
        let rounded = (value * scale).rounded() / scale
        if rounded == 0 { return "0" }
        // Beyond what Int64 holds exactly, Swift's own shortest form ("1e+20") is as good as any.
        guard abs(rounded) < 1e15 else { return "\(rounded)" }
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        let sign = rounded < 0 ? "-" : ""
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = String(Int64(((magnitude - whole) * scale).rounded()))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(Int64(whole)) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The fewest decimals (up to ten) that tell apart values `step` apart.
    static func decimals(forStep step: Double) -> Int {
        var decimals = 0
        while decimals < 10, abs(step * pow10(decimals) - (step * pow10(decimals)).rounded()) > 1e-6 { decimals += 1 }
        return decimals
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
