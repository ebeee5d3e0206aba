package health

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func probe(t *testing.T, p *Probes, path string) (int, string) {
	t.Helper()
	mux := http.NewServeMux()
	p.Register(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, strings.TrimSpace(rec.Body.String())
}

func TestLifecycle(t *testing.T) {
	p := New(time.Second)
	steps := []struct {
		name                 string
		act                  func()
		live, started, ready int
		readyBody            string
	}{
		{"starting", func() {}, 200, 503, 503, "starting"},
		{"started", p.MarkStarted, 200, 200, 200, "ok"},
		{"draining", p.MarkDraining, 200, 200, 503, "draining"},
	}
	for _, step := range steps {
		step.act()
		live, _ := probe(t, p, "/livez")
		started, _ := probe(t, p, "/startupz")
		ready, body := probe(t, p, "/readyz")
		if live != step.live || started != step.started || ready != step.ready || body != step.readyBody {
			t.Errorf("%s: live %d started %d ready %d %q", step.name, live, started, ready, body)
		}
	}
}

func TestReadinessFailsOnADependencyButLivenessDoesNot(t *testing.T) {
	down := errors.New("connection refused")
	p := New(time.Second,
		Check{Name: "postgres", Run: func(context.Context) error { return nil }},
		Check{Name: "redis", Run: func(context.Context) error { return down }})
	p.MarkStarted()
	if code, body := probe(t, p, "/readyz"); code != 503 || body != "redis: connection refused" {
		t.Errorf("ready = %d %q", code, body)
	}
	if code, _ := probe(t, p, "/livez"); code != 200 {
		t.Errorf("live = %d; a dependency outage must not fail liveness", code)
	}
}

func TestChecksGetADeadline(t *testing.T) {
	var hadDeadline bool
	p := New(250*time.Millisecond, Check{Name: "db", Run: func(ctx context.Context) error {
		_, hadDeadline = ctx.Deadline()
		return nil
	}})
	p.MarkStarted()
	if code, _ := probe(t, p, "/readyz"); code != 200 || !hadDeadline {
		t.Errorf("code %d, check saw a deadline: %v", code, hadDeadline)
	}
}

func TestProbesAreNotCached(t *testing.T) {
	rec := httptest.NewRecorder()
	New(time.Second).Live(rec, httptest.NewRequest("GET", "/livez", nil))
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q", rec.Header().Get("Cache-Control"))
	}
}
