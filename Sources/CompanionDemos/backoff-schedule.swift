// Demo `backoff-schedule`: the retry delays of one client, with a fixed seed so the output is the same on
// every run (the check compares it with the `// Output:` block below).
import Companion

func backoffSchedule() {
    let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
    var random = SeededGenerator(seed: 42)
    for attempt in 1...8 {
        let ceiling = backoff.ceiling(forAttempt: attempt)
        let delay = backoff.delay(forAttempt: attempt, using: &random)
        print("retry \(attempt): wait \(milliseconds(delay)) ms (ceiling \(milliseconds(ceiling)) ms)")
    }
}

private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

// snippet.hide
// Output:
// retry 1: wait 74 ms (ceiling 100 ms)
// retry 2: wait 31 ms (ceiling 200 ms)
// retry 3: wait 111 ms (ceiling 400 ms)
// retry 4: wait 275 ms (ceiling 800 ms)
// retry 5: wait 60 ms (ceiling 1600 ms)
// retry 6: wait 2778 ms (ceiling 3200 ms)
// retry 7: wait 1092 ms (ceiling 5000 ms)
// retry 8: wait 4003 ms (ceiling 5000 ms)
// snippet.show
