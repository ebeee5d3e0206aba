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
        var values = Self.multiples(of: step, from: low, to: high)
        // A fixed range narrower than one nice step holds no tick: smaller nice steps until two fit.
        var tries = 0
        while fixed, values.count < 2, tries < 12 {
            step = Self.smaller(than: step)
            values = Self.multiples(of: step, from: low, to: high)
            tries += 1
        }
        let lower = fixed ? low : (low / step).rounded(.down) * step
        let upper = fixed ? high : (high / step).rounded(.up) * step
        if !fixed { values = Self.multiples(of: step, from: lower, to: upper) }
        self.lower = lower
        self.upper = upper
        self.step = step
        self.values = values
    }

    /// Whole multiples of `step` between `low` and `high`, at most 50 (a step too small to move a huge value
    /// along would otherwise never end).
    static func multiples(of step: Double, from low: Double, to high: Double) -> [Double] {
        var values: [Double] = []
        var index = (low / step - 1e-9).rounded(.up)
        while values.count < 50 {
            let value = index * step
            if value > high + step * 1e-9 { break }
            let cleaned = abs(value) < step * 1e-9 ? 0 : value
            if values.last.map({ cleaned > $0 }) ?? true { values.append(cleaned) } else { break }
            index += 1
        }
        return values
    }

    /// The next nice number below `step`: 1 → 0.5, 5 → 2, 2 → 1 (times a power of ten).
    static func smaller(than step: Double) -> Double {
        let power = pow(10, log10(step).rounded(.down))
        let mantissa = (step / power).rounded()
        return mantissa >= 5 ? 2 * power : mantissa >= 2 ? power : power / 2
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
