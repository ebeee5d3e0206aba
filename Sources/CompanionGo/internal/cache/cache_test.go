package cache

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func newAside(store Store) *Aside {
	return &Aside{Store: store, TTL: time.Minute, Logger: slog.New(slog.DiscardHandler)}
}

func TestMissLoadsStoresAndThenHits(t *testing.T) {
	clock := &fakeNow{t: time.Unix(0, 0)}
	a := newAside(&Memory{Now: clock.Now})
	var loads atomic.Int32
	load := func(context.Context, string) ([]byte, error) { loads.Add(1); return []byte("v1"), nil }

	for range 3 {
		if v, err := a.Get(context.Background(), "product:1", load); err != nil || string(v) != "v1" {
			t.Fatalf("Get = %q, %v", v, err)
		}
	}
	if loads.Load() != 1 || a.Stats.Hits.Load() != 2 || a.Stats.Misses.Load() != 1 {
		t.Errorf("loads %d hits %d misses %d", loads.Load(), a.Stats.Hits.Load(), a.Stats.Misses.Load())
	}
	clock.Advance(time.Minute) // the entry expires
	a.Get(context.Background(), "product:1", load)
	if loads.Load() != 2 {
		t.Errorf("loads after expiry = %d, want 2", loads.Load())
	}
}

func TestConcurrentMissesShareOneLoad(t *testing.T) {
	const callers = 50
	a := newAside(&Memory{Now: time.Now})
	joined := make(chan string, callers)
	a.OnJoin = func(key string) { joined <- key }
	release := make(chan struct{})
	var loads atomic.Int32
	load := func(context.Context, string) ([]byte, error) {
		loads.Add(1)
		<-release
		return []byte("v1"), nil
	}

	var wg sync.WaitGroup
	values := make([]string, callers)
	for i := range callers {
		wg.Go(func() {
			v, err := a.Get(context.Background(), "product:1", load)
			if err != nil {
				t.Error(err)
			}
			values[i] = string(v)
		})
	}
	for range callers - 1 { // every caller but the first joined the first one's load
		<-joined
	}
	close(release)
	wg.Wait()
	if loads.Load() != 1 {
		t.Errorf("%d loads for %d concurrent misses", loads.Load(), callers)
	}
	for i, v := range values {
		if v != "v1" {
			t.Errorf("caller %d got %q", i, v)
		}
	}
}

func TestACallerGivingUpDoesNotFailTheOthers(t *testing.T) {
	a := newAside(&Memory{Now: time.Now})
	joined := make(chan string, 1)
	a.OnJoin = func(key string) { joined <- key }
	started, release := make(chan struct{}), make(chan struct{})
	var loadCtxErr error
	var loadSawValue any
	load := func(ctx context.Context, _ string) ([]byte, error) {
		close(started)
		<-release
		loadCtxErr, loadSawValue = ctx.Err(), ctx.Value(ctxKey{})
		return []byte("v1"), nil
	}

	first, cancelFirst := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "req-1"))
	firstErr := make(chan error, 1)
	go func() { _, err := a.Get(first, "k", load); firstErr <- err }()
	<-started
	second := make(chan string, 1)
	go func() { v, _ := a.Get(context.Background(), "k", load); second <- string(v) }()
	<-joined

	cancelFirst()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("first caller: %v", err)
	}
	close(release)
	if v := <-second; v != "v1" {
		t.Errorf("second caller got %q", v)
	}
	if loadCtxErr != nil {
		t.Errorf("the load saw its context end: %v", loadCtxErr)
	}
	if loadSawValue != "req-1" {
		t.Errorf("the load lost the first caller's context values: %v", loadSawValue)
	}
}

type ctxKey struct{}

type brokenStore struct{ Memory }

func (b *brokenStore) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, errors.New("redis: connection refused")
}

func TestAStoreOutageFallsBackToTheLoader(t *testing.T) {
	a := newAside(&brokenStore{Memory{Now: time.Now}})
	v, err := a.Get(context.Background(), "k", func(context.Context, string) ([]byte, error) { return []byte("v"), nil })
	if err != nil || string(v) != "v" || a.Stats.StoreErrors.Load() != 1 {
		t.Errorf("Get = %q, %v, store errors %d", v, err, a.Stats.StoreErrors.Load())
	}
}

func TestLoadErrorsAreNotCached(t *testing.T) {
	store := &Memory{Now: time.Now}
	a := newAside(store)
	notFound := errors.New("not found")
	if _, err := a.Get(context.Background(), "k", func(context.Context, string) ([]byte, error) { return nil, notFound }); !errors.Is(err, notFound) {
		t.Fatalf("err = %v", err)
	}
	if _, ok, _ := store.Get(context.Background(), "k"); ok {
		t.Error("a failed load was cached")
	}
}

func TestJitterSpreadsExpiriesBelowTheTTL(t *testing.T) {
	clock := &fakeNow{t: time.Unix(0, 0)}
	store := &Memory{Now: clock.Now}
	a := newAside(store)
	a.Jitter, a.random = 0.1, rand.New(rand.NewPCG(1, 1))
	for i := range 200 {
		key := string(rune('a'+i%26)) + string(rune('a'+i/26))
		a.Get(context.Background(), key, func(context.Context, string) ([]byte, error) { return []byte("v"), nil })
	}
	distinct := map[time.Duration]bool{}
	for key, ttl := range store.TTLs() {
		if ttl > time.Minute || ttl < 54*time.Second {
			t.Errorf("%s: ttl %v outside [54s, 60s]", key, ttl)
		}
		distinct[ttl] = true
	}
	if len(distinct) < 150 {
		t.Errorf("only %d distinct TTLs for 200 keys", len(distinct))
	}
}

func TestInvalidateDeletesTheEntry(t *testing.T) {
	store := &Memory{Now: time.Now}
	a := newAside(store)
	a.Get(context.Background(), "k", func(context.Context, string) ([]byte, error) { return []byte("v"), nil })
	if err := a.Invalidate(context.Background(), "k"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := store.Get(context.Background(), "k"); ok {
		t.Error("entry still cached after Invalidate")
	}
}
