package cache

import (
	"context"
	"sync"
	"time"
)

// Memory is a Store in a map, with expiry read from an injected clock. It stands in
// for Redis in tests and demos; it is not meant to be shared between replicas
// (nothing in-process is).
type Memory struct {
	Now func() time.Time

	mu      sync.Mutex
	entries map[string]memoryEntry
}

type memoryEntry struct {
	value   []byte
	expires time.Time
}

// TTLs returns the TTL each key was stored with, for tests that check jitter.
func (m *Memory) TTLs() map[string]time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]time.Duration, len(m.entries))
	now := m.Now()
	for k, e := range m.entries {
		out[k] = e.expires.Sub(now)
	}
	return out
}

func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[key]
	if !ok || !m.Now().Before(e.expires) {
		return nil, false, nil
	}
	return e.value, true, nil
}

func (m *Memory) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil {
		m.entries = make(map[string]memoryEntry)
	}
	m.entries[key] = memoryEntry{value: value, expires: m.Now().Add(ttl)}
	return nil
}

func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, key)
	return nil
}
