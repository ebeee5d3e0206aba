// Package health serves the three Kubernetes probes. Each answers a different
// question, so each has its own handler and its own state.
package health

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Check reports whether a dependency the service needs for traffic is usable. Only
// readiness runs checks.
type Check struct {
	Name string
	Run  func(ctx context.Context) error
}

// snippet.probes
// Probes holds the service's lifecycle state. The zero value is "starting": not
// started, not ready.
type Probes struct {
	started  atomic.Bool
	draining atomic.Bool
	checks   []Check
	timeout  time.Duration
}

// New returns probes whose readiness also runs checks, each bounded by timeout.
func New(timeout time.Duration, checks ...Check) *Probes {
	return &Probes{checks: checks, timeout: timeout}
}

// MarkStarted is called once initialisation (config, pools, warm caches) is done.
func (p *Probes) MarkStarted() { p.started.Store(true) }

// MarkDraining is called first thing on SIGTERM: readiness fails from now on.
func (p *Probes) MarkDraining() { p.draining.Store(true) }

// snippet.end

// snippet.handlers
// Live answers "is this process able to make progress?". It checks nothing outside
// the process: a database outage must not make Kubernetes restart every replica.
func (p *Probes) Live(w http.ResponseWriter, _ *http.Request) {
	write(w, http.StatusOK, "ok")
}

// Started answers "has initialisation finished?". Until it has, Kubernetes runs
// neither of the other probes, so a slow start is not mistaken for a hang.
func (p *Probes) Started(w http.ResponseWriter, _ *http.Request) {
	if !p.started.Load() {
		write(w, http.StatusServiceUnavailable, "starting")
		return
	}
	write(w, http.StatusOK, "ok")
}

// Ready answers "should this replica get new requests?". It fails while starting,
// while draining, and while a dependency the service needs for every request is down.
func (p *Probes) Ready(w http.ResponseWriter, r *http.Request) {
	switch {
	case !p.started.Load():
		write(w, http.StatusServiceUnavailable, "starting")
	case p.draining.Load():
		write(w, http.StatusServiceUnavailable, "draining")
	default:
		if err := p.runChecks(r.Context()); err != nil {
			write(w, http.StatusServiceUnavailable, err.Error())
			return
		}
		write(w, http.StatusOK, "ok")
	}
}

// snippet.end

// Register adds the probes to mux at the paths the Deployment's probes use.
func (p *Probes) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /livez", p.Live)
	mux.HandleFunc("GET /startupz", p.Started)
	mux.HandleFunc("GET /readyz", p.Ready)
}

// runChecks runs every check concurrently, each with the probe's timeout, and reports
// the first failure by check order (so the message is stable).
func (p *Probes) runChecks(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	errs := make([]error, len(p.checks))
	var wg sync.WaitGroup
	for i, check := range p.checks {
		wg.Go(func() { errs[i] = check.Run(ctx) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("%s: %v", p.checks[i].Name, err)
		}
	}
	return nil
}

func write(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, body)
}
