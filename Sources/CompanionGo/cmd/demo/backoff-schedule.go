// Demo backoff-schedule: the waits one client would take, with a fixed seed so every
// run prints the same.
package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"example.com/catalog/internal/retry"
)

func backoffSchedule() {
	backoff := retry.Backoff{Base: 100 * time.Millisecond, Cap: 5 * time.Second}
	random := rand.New(rand.NewPCG(42, 42))
	for attempt := 1; attempt <= 8; attempt++ {
		wait := backoff.Delay(attempt, random)
		ceiling := backoff.Ceiling(attempt)
		fmt.Printf("retry %d: wait %4d ms (ceiling %4d ms)\n", attempt,
			wait.Milliseconds(), ceiling.Milliseconds())
	}
}

// snippet.hide
// Output:
// retry 1: wait   61 ms (ceiling  100 ms)
// retry 2: wait   75 ms (ceiling  200 ms)
// retry 3: wait  255 ms (ceiling  400 ms)
// retry 4: wait  410 ms (ceiling  800 ms)
// retry 5: wait 1531 ms (ceiling 1600 ms)
// retry 6: wait  853 ms (ceiling 3200 ms)
// retry 7: wait 1244 ms (ceiling 5000 ms)
// retry 8: wait 3787 ms (ceiling 5000 ms)
// snippet.show
