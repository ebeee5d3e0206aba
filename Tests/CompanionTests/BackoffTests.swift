// The claims the retry article makes about full-jitter backoff, as tests.
import Testing
@testable import Companion

@Suite struct BackoffTests {
    let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))

    @Test func ceilingDoublesFromTheBaseUntilTheCap() {
        let ceilings = (1...8).map { backoff.ceiling(forAttempt: $0) }
        #expect(ceilings == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                             .milliseconds(1600), .milliseconds(3200), .seconds(5), .seconds(5)])
    }

    @Test func hugeAttemptNumbersStayAtTheCap() {
        #expect(backoff.ceiling(forAttempt: 63) == .seconds(5))
        #expect(backoff.ceiling(forAttempt: 10_000) == .seconds(5))
    }

    @Test func delaysStayBetweenZeroAndTheCeiling() {
        var random = SeededGenerator(seed: 7)
        for attempt in 1...20 {
            for _ in 0..<200 {
                let delay = backoff.delay(forAttempt: attempt, using: &random)
                #expect(delay >= .zero && delay <= backoff.ceiling(forAttempt: attempt))
            }
        }
    }

    @Test func fullJitterSpreadsClientsThatFailedTogether() {
        // 1,000 clients retrying their 5th attempt: with full jitter their delays cover the whole window.
        var random = SeededGenerator(seed: 1)
        let delays = (0..<1000).map { _ in backoff.delay(forAttempt: 5, using: &random) }
        let ceiling = backoff.ceiling(forAttempt: 5)
        let buckets = Dictionary(grouping: delays) { delay in
            Int((delay / ceiling) * 10).clamped(to: 0...9)
        }
        #expect(buckets.count == 10, "every tenth of the window gets retries")
        #expect(buckets.values.allSatisfy { (60...140).contains($0.count) }, "roughly uniform: \(buckets.mapValues(\.count))")
    }

    @Test func withoutJitterAThousandClientsRetryInTheSameInstantEveryTime() {
        var random = SeededGenerator(seed: 7)
        let arrivals = backoff.retryArrivals(
            clients: 1000, attempts: 1...5, jitter: false, bin: .milliseconds(100), using: &random)
        #expect(arrivals.reduce(0, +) == 5000, "every retry is counted once")
        #expect(arrivals.filter { $0 > 0 } == Array(repeating: 1000, count: 5), "five spikes of all 1,000 clients")
    }

    @Test func withFullJitterOneRetryRoundSpreadsOverItsWholeWindow() {
        // The 5th retry's ceiling is 1.6 s: sixteen 100 ms bins, about 62 clients in each.
        var random = SeededGenerator(seed: 7)
        let arrivals = backoff.retryArrivals(
            clients: 1000, attempts: 5...5, jitter: true, bin: .milliseconds(100), using: &random)
        #expect(arrivals.reduce(0, +) == 1000)
        #expect(arrivals.prefix(16).allSatisfy { (30...100).contains($0) }, "roughly uniform: \(arrivals)")
        #expect(arrivals.max()! < 1000 / 10, "no 100 ms sees a tenth of the clients")
    }

    @Test func overSeveralRetriesTheShortEarlyWindowsAreTheBusiest() {
        // Jitter spreads each retry over its window; it does not widen the windows. The first ceilings
        // are short, so summed over five retries the first 100 ms carries the most.
        var random = SeededGenerator(seed: 7)
        let arrivals = backoff.retryArrivals(
            clients: 1000, attempts: 1...5, jitter: true, bin: .milliseconds(100), using: &random)
        #expect(arrivals.reduce(0, +) == 5000)
        #expect(arrivals.firstIndex(of: arrivals.max()!) == 0)
        #expect(arrivals.last! < arrivals.first! / 10, "the tail thins out: \(arrivals)")
    }

    @Test func aSeedGivesTheSameDelaysEveryRun() {
        var first = SeededGenerator(seed: 42), second = SeededGenerator(seed: 42)
        let a = (1...5).map { backoff.delay(forAttempt: $0, using: &first) }
        let b = (1...5).map { backoff.delay(forAttempt: $0, using: &second) }
        #expect(a == b)
    }
}

extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

@Suite struct BackoffLimitsTests {
    @Test func longBaseDelaysDoNotOverflow() {
        let slow = Backoff(base: .seconds(3600), cap: .seconds(86_400))
        #expect(slow.ceiling(forAttempt: 1) == .seconds(3600))
        #expect(slow.ceiling(forAttempt: 200) == .seconds(86_400))
    }
}
