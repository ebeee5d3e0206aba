package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"example.com/catalog/internal/health"
)

// snippet.fake-clock
// fakeClock hands every timer request to the test, which decides when it fires. A
// test that reads from timers therefore also learns that the server has reached that
// step.
type fakeClock struct{ timers chan fakeTimer }

type fakeTimer struct {
	d    time.Duration
	fire chan time.Time
}

func (c fakeClock) After(d time.Duration) <-chan time.Time {
	t := fakeTimer{d: d, fire: make(chan time.Time, 1)}
	c.timers <- t
	return t.fire
}

// snippet.end

type harness struct {
	t       *testing.T
	url     string
	probes  *health.Probes
	clock   fakeClock
	entered chan struct{}
	release chan struct{}
	done    chan error
	cancel  context.CancelFunc
}

// start serves /slow (which signals entered and waits for release), /fast and the
// probes.
func start(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, probes: health.New(time.Second), clock: fakeClock{timers: make(chan fakeTimer)},
		entered: make(chan struct{}, 1), release: make(chan struct{}), done: make(chan error, 1)}
	mux := http.NewServeMux()
	h.probes.Register(mux)
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		h.entered <- struct{}{}
		select {
		case <-h.release:
			io.WriteString(w, "slow done")
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("GET /fast", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fast") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.url = "http://" + ln.Addr().String()
	srv := &Server{HTTP: &http.Server{Handler: mux}, Probes: h.probes,
		Logger: slog.New(slog.DiscardHandler), DrainDelay: 5 * time.Second, ShutdownTimeout: 20 * time.Second,
		Clock: h.clock}
	h.probes.MarkStarted()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.release:
		default:
			close(h.release)
		}
	})
	return h
}

func (h *harness) get(path string) (int, string, error) {
	resp, err := http.Get(h.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

type result struct {
	status int
	body   string
	err    error
}

func (h *harness) getAsync(path string) <-chan result {
	out := make(chan result, 1)
	go func() {
		status, body, err := h.get(path)
		out <- result{status, body, err}
	}()
	return out
}

func TestShutdownFailsReadinessDrainsAndExitsCleanly(t *testing.T) {
	h := start(t)
	if status, _, err := h.get("/readyz"); err != nil || status != 200 {
		t.Fatalf("before the signal: readyz %d %v", status, err)
	}
	slow := h.getAsync("/slow")
	<-h.entered

	h.cancel() // the signal
	drain := <-h.clock.timers
	if drain.d != 5*time.Second {
		t.Errorf("drain delay = %v", drain.d)
	}
	// During the drain delay readiness fails but new requests are still served.
	if status, body, _ := h.get("/readyz"); status != 503 || body != "draining\n" {
		t.Errorf("readyz while draining = %d %q", status, body)
	}
	if status, body, err := h.get("/fast"); err != nil || status != 200 || body != "fast" {
		t.Errorf("new request while draining = %d %q %v", status, body, err)
	}
	// Keep-alive connections are closed after each response, so clients reconnect elsewhere.
	resp, err := http.Get(h.url + "/fast")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !resp.Close {
		t.Error("a response while draining did not ask the client to close the connection")
	}

	drain.fire <- time.Time{}
	deadline := <-h.clock.timers
	if deadline.d != 15*time.Second {
		t.Errorf("remaining budget = %v, want 15s", deadline.d)
	}
	close(h.release) // the in-flight request finishes inside the budget
	if r := <-slow; r.err != nil || r.status != 200 || r.body != "slow done" {
		t.Errorf("in-flight request = %+v", r)
	}
	if err := <-h.done; err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
	if _, _, err := h.get("/fast"); err == nil {
		t.Error("a request after shutdown succeeded")
	}
}

// snippet.deadline-test
func TestShutdownCutsOffRequestsAtTheDeadline(t *testing.T) {
	h := start(t)
	slow := h.getAsync("/slow")
	<-h.entered

	h.cancel()
	(<-h.clock.timers).fire <- time.Time{} // drain delay over
	(<-h.clock.timers).fire <- time.Time{} // deadline reached, request still running
	if err := <-h.done; !errors.Is(err, ErrHardDeadline) {
		t.Errorf("Serve = %v, want ErrHardDeadline", err)
	}
	if r := <-slow; r.err == nil {
		t.Errorf("the cut-off request got a response: %+v", r)
	}
}

// snippet.end

func TestServeReportsAListenerThatFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	srv := &Server{HTTP: &http.Server{}, Probes: health.New(time.Second), Logger: slog.New(slog.DiscardHandler)}
	if err := srv.Serve(context.Background(), ln); err == nil || errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve = %v", err)
	}
}
