package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"testing/synctest"
	"time"
)

var backoff = Backoff{Base: 100 * time.Millisecond, Cap: 5 * time.Second}

func TestCeilingDoublesUntilTheCap(t *testing.T) {
	want := []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000}
	for i, w := range want {
		if got := backoff.Ceiling(i + 1); got != w*time.Millisecond {
			t.Errorf("Ceiling(%d) = %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	if got := backoff.Ceiling(10_000); got != 5*time.Second {
		t.Errorf("Ceiling(10000) = %v: overflow?", got)
	}
}

func TestDelayStaysWithinTheCeilingAndSpreads(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for attempt := 1; attempt <= 8; attempt++ {
		ceiling := backoff.Ceiling(attempt)
		var low, high int
		for range 1000 {
			d := backoff.Delay(attempt, r)
			if d < 0 || d > ceiling {
				t.Fatalf("Delay(%d) = %v outside [0, %v]", attempt, d, ceiling)
			}
			if d < ceiling/2 {
				low++
			} else {
				high++
			}
		}
		// Full jitter is uniform: both halves of the range get a fair share (400 is >
		// 6 sigma away).
		if low < 400 || high < 400 {
			t.Errorf("attempt %d: %d below half the ceiling, %d above", attempt, low, high)
		}
	}
}

func TestDoRetriesUntilSuccessAndWaitsTheDrawnDelays(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var waits []time.Duration
		calls := 0
		start := time.Now()
		err := Do(context.Background(), Policy{Backoff: backoff, MaxAttempts: 5, Rand: rand.New(rand.NewPCG(7, 7)),
			OnRetry: func(_ int, _ error, wait time.Duration) { waits = append(waits, wait) }},
			func(context.Context) error {
				calls++
				if calls < 4 {
					return errors.New("unavailable")
				}
				return nil
			})
		if err != nil || calls != 4 || len(waits) != 3 {
			t.Fatalf("err %v, calls %d, waits %v", err, calls, waits)
		}
		// Inside the bubble the clock is fake: it moved exactly by the waits Do
		// chose.
		var total time.Duration
		for _, w := range waits {
			total += w
		}
		if elapsed := time.Since(start); elapsed != total {
			t.Errorf("fake time moved %v, waits add up to %v", elapsed, total)
		}
	})
}

func TestDoStopsAtMaxAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		unavailable := errors.New("unavailable")
		err := Do(context.Background(), Policy{Backoff: backoff, MaxAttempts: 3},
			func(context.Context) error { calls++; return unavailable })
		if calls != 3 || !errors.Is(err, unavailable) || err.Error() != "giving up after 3 attempts: unavailable" {
			t.Errorf("calls %d, err %v", calls, err)
		}
	})
}

func TestDoReturnsPermanentErrorsAtOnce(t *testing.T) {
	calls := 0
	invalid := errors.New("invalid sku")
	err := Do(context.Background(), Policy{Backoff: backoff, MaxAttempts: 5},
		func(context.Context) error { calls++; return fmt.Errorf("create: %w", Permanent(invalid)) })
	if calls != 1 || !errors.Is(err, invalid) {
		t.Errorf("calls %d, err %v", calls, err)
	}
}

func TestDoGivesUpWhenTheWaitWouldOutliveTheDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		calls := 0
		err := Do(ctx, Policy{Backoff: Backoff{Base: time.Hour, Cap: time.Hour}, MaxAttempts: 5,
			Rand: rand.New(rand.NewPCG(3, 3))},
			func(context.Context) error { calls++; return errors.New("unavailable") })
		if calls != 1 || err == nil {
			t.Errorf("calls %d, err %v", calls, err)
		}
	})
}

func TestDoStopsWaitingWhenTheContextIsCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			done <- Do(ctx, Policy{Backoff: Backoff{Base: time.Minute, Cap: time.Minute}, MaxAttempts: 5,
				Rand: rand.New(rand.NewPCG(5, 5))},
				func(context.Context) error { return errors.New("unavailable") })
		}()
		synctest.Wait() // Do is now blocked in its wait
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v", err)
		}
	})
}
