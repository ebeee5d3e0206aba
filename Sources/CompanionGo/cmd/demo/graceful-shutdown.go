// Demo graceful-shutdown: the server's shutdown sequence, step by step, with a clock
// the demo controls.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"example.com/catalog/internal/health"
	"example.com/catalog/internal/server"
)

// snippet.stepped-clock
// steppedClock prints each timer the server sets and hands it to the demo, which
// fires it.
type steppedClock chan chan time.Time

func (c steppedClock) After(d time.Duration) <-chan time.Time {
	fmt.Printf("clock: timer set for %s\n", d)
	fire := make(chan time.Time, 1)
	c <- fire
	return fire
}

// snippet.end

func gracefulShutdown() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // no timestamps: the output is pinned
			}
			return a
		}}))
	probes := health.New(time.Second)
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	probes.Register(mux)
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "slow done")
	})
	mux.HandleFunc("GET /products/{id}", func(w http.ResponseWriter, r *http.Request) {})

	shutdownCalled := make(chan struct{})
	httpServer := &http.Server{Handler: mux}
	httpServer.RegisterOnShutdown(func() { close(shutdownCalled) })
	clock := make(steppedClock)
	srv := &server.Server{HTTP: httpServer, Probes: probes, Logger: logger,
		DrainDelay: 5 * time.Second, ShutdownTimeout: 20 * time.Second, Clock: clock}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	base := "http://" + ln.Addr().String()
	ctx, signal := context.WithCancelCause(context.Background())
	probes.MarkStarted()
	served := make(chan error)
	go func() { served <- srv.Serve(ctx, ln) }()

	// snippet.walkthrough
	slow := make(chan string)
	go func() { slow <- get(base + "/slow") }()
	<-entered
	fmt.Println("demo: GET /slow is in flight; SIGTERM arrives")
	signal(errors.New("terminated signal received"))

	drain := <-clock
	fmt.Println("demo: GET /readyz →", get(base+"/readyz"))
	fmt.Println("demo: GET /products/1 →", get(base+"/products/1"))
	fmt.Println("demo: 5s pass")
	drain <- time.Time{}

	<-clock // the deadline timer: not fired, the drain finishes first
	<-shutdownCalled
	fmt.Println("demo: GET /products/1 →", get(base+"/products/1"))
	close(release)
	err := <-served
	fmt.Println("demo: the in-flight GET /slow got", <-slow)
	fmt.Println("demo: Serve returned", err)
	// snippet.end
}

// get uses a new connection each time, so a request after Shutdown cannot reuse a
// kept-alive one.
var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

func get(url string) string {
	resp, err := client.Get(url)
	if err != nil {
		return "connection refused"
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d %q", resp.StatusCode, body)
}

// snippet.hide
// Output:
// demo: GET /slow is in flight; SIGTERM arrives
// level=INFO msg="shutdown started" cause="terminated signal received"
// level=INFO msg="readiness failing, still serving" drain_delay=5s
// clock: timer set for 5s
// demo: GET /readyz → 503 "draining\n"
// demo: GET /products/1 → 200 ""
// demo: 5s pass
// clock: timer set for 15s
// level=INFO msg="draining in-flight requests"
// demo: GET /products/1 → connection refused
// level=INFO msg="shutdown complete"
// demo: the in-flight GET /slow got 200 "slow done"
// demo: Serve returned <nil>
// snippet.show
