// Package cache is cache-aside over any key-value store (Redis in production, a map
// in tests), with concurrent misses for one key coalesced into a single load and TTLs
// jittered so keys expire apart.
package cache

import (
	"cmp"
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// snippet.store
// Store is the slice of Redis the cache needs. A Get error means "the cache is
// unwell", never "the key is missing": that is ok == false.
type Store interface {
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	Delete(ctx context.Context, key string) error
}

// snippet.end

// Loader reads the value for key from the source of truth (PostgreSQL).
type Loader func(ctx context.Context, key string) ([]byte, error)

// Stats counts what the cache did; a metrics handler exports them.
type Stats struct {
	Hits, Misses, Loads, StoreErrors atomic.Int64
	Coalesced                        atomic.Int64 // misses that joined a load already in flight
}

// Aside is the cache-aside read path.
type Aside struct {
	Store       Store
	TTL         time.Duration
	Jitter      float64       // 0.1 spreads expiries over [0.9·TTL, TTL]
	LoadTimeout time.Duration // bounds a load that no caller is waiting for any more (default 5s)
	Logger      *slog.Logger  // required
	Stats       Stats

	mu      sync.Mutex
	flights map[string]*flight
	random  *rand.Rand // only under mu

	// OnJoin, when set, is called each time a caller joins a load already in flight.
	OnJoin func(key string)
}

type flight struct {
	done  chan struct{}
	value []byte
	err   error
}

// snippet.get
// Get returns the cached value for key, or loads it. Concurrent misses for the same
// key share one load; each caller still stops waiting when its own ctx is done.
func (a *Aside) Get(ctx context.Context, key string, load Loader) ([]byte, error) {
	value, ok, err := a.Store.Get(ctx, key)
	switch {
	case err != nil:
		// A sick cache must not take the service down with it: fall through to the
		// source.
		a.Stats.StoreErrors.Add(1)
		a.Logger.WarnContext(ctx, "cache get failed",
			"key", key, "error", err.Error())
	case ok:
		a.Stats.Hits.Add(1)
		return value, nil
	}
	a.Stats.Misses.Add(1)

	f := a.join(ctx, key, load)
	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// snippet.end

// snippet.join
// join returns the load in flight for key, starting one if there is none. The load
// keeps the first caller's context values (trace, request id) but not its
// cancellation: if that caller gives up, the others still get their value.
// LoadTimeout bounds it instead.
func (a *Aside) join(ctx context.Context, key string, load Loader) *flight {
	a.mu.Lock()
	if f, ok := a.flights[key]; ok {
		a.mu.Unlock()
		a.Stats.Coalesced.Add(1)
		if a.OnJoin != nil {
			a.OnJoin(key)
		}
		return f
	}
	if a.flights == nil {
		a.flights = make(map[string]*flight)
	}
	f := &flight{done: make(chan struct{})}
	a.flights[key] = f
	ttl := a.jittered()
	a.mu.Unlock()

	go func() {
		timeout := cmp.Or(a.LoadTimeout, 5*time.Second)
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		defer cancel()
		a.Stats.Loads.Add(1)
		f.value, f.err = load(ctx, key)
		if f.err == nil {
			if err := a.Store.Set(ctx, key, f.value, ttl); err != nil {
				a.Stats.StoreErrors.Add(1)
				a.Logger.Warn("cache set failed", "key", key, "error", err.Error())
			}
		}
		a.mu.Lock()
		delete(a.flights, key)
		a.mu.Unlock()
		close(f.done)
	}()
	return f
}

// snippet.end

// jittered is the TTL for a new entry. Called with mu held.
func (a *Aside) jittered() time.Duration {
	if a.Jitter <= 0 {
		return a.TTL
	}
	if a.random == nil {
		a.random = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	return a.TTL - time.Duration(a.Jitter*a.random.Float64()*float64(a.TTL))
}

// Invalidate removes key after its source row changed: write the database, then
// delete the entry.
func (a *Aside) Invalidate(ctx context.Context, key string) error {
	return a.Store.Delete(ctx, key)
}
