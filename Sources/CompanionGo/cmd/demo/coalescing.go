// Demo coalescing: a hot key expires and 100 requests miss it at the same moment.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"example.com/catalog/internal/cache"
)

func coalescing() {
	const callers = 100
	joined := make(chan struct{}, callers)
	aside := &cache.Aside{
		Store:  &cache.Memory{Now: time.Now},
		TTL:    time.Minute,
		Logger: slog.New(slog.DiscardHandler),
		OnJoin: func(string) { joined <- struct{}{} },
	}
	release := make(chan struct{})
	load := func(context.Context, string) ([]byte, error) {
		<-release // the database is slow today
		return []byte(`{"id":"1","name":"Espresso cup"}`), nil
	}

	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() { aside.Get(context.Background(), "product:1", load) })
	}
	for range callers - 1 {
		<-joined // every caller but the first is waiting on the first one's load
	}
	close(release)
	wg.Wait()
	aside.Get(context.Background(), "product:1", load) // the next request: a hit
	stats := &aside.Stats
	fmt.Printf("misses %d, loads %d, coalesced %d, hits %d\n", stats.Misses.Load(),
		stats.Loads.Load(), stats.Coalesced.Load(), stats.Hits.Load())
}

// snippet.hide
// Output:
// misses 100, loads 1, coalesced 99, hits 1
// snippet.show
