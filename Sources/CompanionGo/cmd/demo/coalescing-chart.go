// Demo coalescing-chart: the coalescing demo's 100 simultaneous misses as a Mermaid pie
// of what each request did: one loaded the value from the database, the others waited
// for that load and shared its result.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"example.com/catalog/internal/cache"
)

func coalescingChart() {
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
		<-release
		return []byte(`{"id":"1","name":"Espresso cup"}`), nil
	}
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() { aside.Get(context.Background(), "product:1", load) })
	}
	for range callers - 1 {
		<-joined
	}
	close(release)
	wg.Wait()
	stats := &aside.Stats
	fmt.Println("pie showData")
	fmt.Printf("    title %d concurrent misses of one expired key\n", stats.Misses.Load())
	fmt.Printf("    \"Loaded from the database\" : %d\n", stats.Loads.Load())
	fmt.Printf("    \"Waited for that load\" : %d\n", stats.Coalesced.Load())
}

// snippet.hide
// Output:
// pie showData
//     title 100 concurrent misses of one expired key
//     "Loaded from the database" : 1
//     "Waited for that load" : 99
// snippet.show
