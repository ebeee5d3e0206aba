// Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten), after Heckbert's "Nice Numbers for Graph
// Labels" (Graphics Gems, 1990): the axis reads 0, 200, 400…, never 0, 187, 374…

import Foundation

struct NiceTicks: Sendable, Equatable {
    /// The axis' extent: the data's, widened to whole steps unless the author fixed it.
    var lower: Double
    var upper: Double
    var step: Double
    /// Tick values from low to high, each a whole number of steps.
    var values: [Double]

    /// Ticks for data spanning `low...high`. With `fixed`, the axis keeps exactly that extent and the ticks
    /// are the nice values inside it. `count` is how many ticks the axis has room for.
    init(low: Double, high: Double, count: Int, fixed: Bool = false) {
        var low = low, high = high
        if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
        if high < low { swap(&low, &high) }
        if high == low {
            // One value (or all the same): give it room, and keep zero on the axis for positive data.
            if low == 0 { high = 1 } else if low > 0 { low = 0 } else { high = 0 }
        }
        let wanted = max(2, count)
        var step = Self.nice((high - low) / Double(wanted - 1), round: true)
        if !step.isFinite || step <= 0 { step = 1 }
        let lower = fixed ? low : (low / step).rounded(.down) * step
        let upper = fixed ? high : (high / step).rounded(.up) * step
        var values: [Double] = []
        var index = (lower / step).rounded(.up)
        // Bounded: a step that cannot move a huge value along would otherwise loop for ever.
        while values.count < 50 {
            let value = index * step
            if value > upper + step * 1e-9 { break }
            let cleaned = abs(value) < step * 1e-9 ? 0 : value
            if values.last.map({ cleaned > $0 }) ?? true { values.append(cleaned) } else { break }
            index += 1
        }
        self.lower = lower
        self.upper = upper
        self.step = step
        self.values = values
    }

    /// The nice number near `value`: rounded to the closest, or (without `round`) the next one up.
    static func nice(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = (log10(value)).rounded(.down)
        let power = pow(10, exponent)
        let fraction = value / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }

    /// The labels, all with the same number of decimals.
    var labels: [String] {
        let decimals = ChartNumber.decimals(forStep: step)
        return values.map { ChartNumber.format($0, decimals: decimals) }
    }
}
