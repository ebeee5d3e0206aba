// Package server runs an http.Server and shuts it down the way Kubernetes expects:
// fail readiness, keep serving while the endpoint removal spreads, drain in-flight
// requests, and stop at a hard deadline.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"example.com/catalog/internal/health"
)

// Clock is the only source of time the shutdown sequence uses, so tests can drive it
// step by step.
type Clock interface {
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// ErrHardDeadline is returned when requests were still running at the shutdown
// deadline and their connections had to be closed.
var ErrHardDeadline = errors.New("shutdown deadline passed, open connections were closed")

// Server is an http.Server with the service's shutdown sequence.
type Server struct {
	HTTP            *http.Server
	Probes          *health.Probes
	Logger          *slog.Logger
	DrainDelay      time.Duration // how long to keep serving after readiness fails
	ShutdownTimeout time.Duration // the whole budget from the signal to exit, drain delay included
	Clock           Clock         // nil means the real clock
}

// snippet.serve
// Serve serves on ln until ctx is done (the signal), then shuts down. It returns nil
// after a clean drain, ErrHardDeadline when it had to cut requests off, or the error
// that stopped serving.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	clock := s.Clock
	if clock == nil {
		clock = realClock{}
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.HTTP.Serve(ln) }()

	select {
	case err := <-serveErr:
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.Logger.Info("shutdown started", "cause", context.Cause(ctx).Error())

	// 1. Fail readiness, but keep accepting: until every load balancer and kube-proxy
	//    has seen the endpoint go, new requests still arrive here and must be served.
	s.Probes.MarkDraining()
	s.HTTP.SetKeepAlivesEnabled(false) // responses now say Connection: close
	s.Logger.Info("readiness failing, still serving",
		"drain_delay", s.DrainDelay.String())
	<-clock.After(s.DrainDelay)

	// 2. Stop accepting and wait for in-flight requests, for what is left of the
	//    budget.
	expired := clock.After(s.ShutdownTimeout - s.DrainDelay)
	deadline, expire := context.WithCancel(context.Background())
	defer expire()
	go func() {
		select {
		case <-expired:
			expire()
		case <-deadline.Done():
		}
	}()
	s.Logger.Info("draining in-flight requests")
	if err := s.HTTP.Shutdown(deadline); err != nil {
		// 3. Out of time: cut the remaining connections so the process can exit
		//    before SIGKILL.
		err = errors.Join(err, s.HTTP.Close())
		s.Logger.Error("shutdown deadline passed", "error", err.Error())
		return ErrHardDeadline
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.Logger.Info("shutdown complete")
	return nil
}

// snippet.end
