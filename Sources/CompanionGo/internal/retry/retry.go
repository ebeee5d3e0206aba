// Package retry retries operations that fail for transient reasons, with capped
// exponential backoff and full jitter, so a fleet of clients that failed together
// does not retry together.
package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// snippet.backoff
// Backoff is capped exponential backoff with full jitter: before retry n, wait a
// uniformly random time between zero and min(Cap, Base·2ⁿ⁻¹).
type Backoff struct {
	Base time.Duration
	Cap  time.Duration
}

// Ceiling is the longest wait before retry attempt (1-based).
func (b Backoff) Ceiling(attempt int) time.Duration {
	ceiling := b.Base
	for i := 1; i < attempt && ceiling < b.Cap; i++ {
		ceiling *= 2 // doubling stops at Cap, so it cannot overflow
	}
	return min(ceiling, b.Cap)
}

// Delay draws the wait before retry attempt from r.
func (b Backoff) Delay(attempt int, r *rand.Rand) time.Duration {
	return time.Duration(r.Int64N(int64(b.Ceiling(attempt)) + 1))
}

// snippet.end

// Policy says how often and how patiently to retry.
type Policy struct {
	Backoff
	MaxAttempts int        // total calls, the first included
	Rand        *rand.Rand // nil: a randomly seeded generator
	// OnRetry, when set, is told about each failure that will be retried and the wait
	// before it.
	OnRetry func(attempt int, err error, wait time.Duration)
}

type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Permanent marks err as not worth retrying (a validation error, a 4xx): Do returns
// it at once.
func Permanent(err error) error { return permanentError{err} }

// snippet.do
// Do calls op until it succeeds, returns a Permanent error, MaxAttempts calls have
// failed, or ctx is done. A wait is never longer than what is left of ctx's deadline.
func Do(ctx context.Context, p Policy, op func(ctx context.Context) error) error {
	random := p.Rand
	if random == nil {
		random = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if _, ok := errors.AsType[permanentError](err); ok {
			return err
		}
		if attempt >= p.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		wait := p.Delay(attempt, random)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("no time left to retry: %w", err)
		}
		if p.OnRetry != nil {
			p.OnRetry(attempt, err, wait)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return errors.Join(ctx.Err(), err)
		case <-timer.C:
		}
	}
}

// snippet.end
