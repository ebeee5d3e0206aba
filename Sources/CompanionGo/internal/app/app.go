// Package app wires the service together: configuration, logging, probes, routes,
// middleware, server.
package app

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"example.com/catalog/internal/cache"
	"example.com/catalog/internal/catalog"
	"example.com/catalog/internal/config"
	"example.com/catalog/internal/health"
	"example.com/catalog/internal/logging"
	"example.com/catalog/internal/metrics"
	"example.com/catalog/internal/server"
	"example.com/catalog/internal/tracing"
)

// App is a configured service with its listener open.
type App struct {
	Config   config.Config
	Logger   *slog.Logger
	Probes   *health.Probes
	Metrics  *metrics.Registry
	server   *server.Server
	listener net.Listener
}

// snippet.new
// New does everything that can fail before the service takes traffic, in the order a
// reader of the logs expects: configuration, logger, dependencies, routes, listener.
func New(lookup config.LookupFunc, logOutput io.Writer) (*App, error) {
	cfg, err := config.Load(lookup)
	if err != nil {
		return nil, err // main prints it and exits 1: a crash loop with a reason
	}
	level := new(slog.LevelVar)
	level.Set(cfg.LogLevel)
	logger := logging.New(logOutput, level, "catalog")

	probes := health.New(time.Second) // + a PostgreSQL ping check in production
	reg := &metrics.Registry{}
	repo := catalog.Memory{"1": {ID: "1", Name: "Espresso cup", PriceCents: 1200}}
	store := &cache.Memory{Now: time.Now} // Redis in production
	products := &catalog.Handler{
		Repo: repo, // PostgreSQL in production
		Cache: &cache.Aside{Store: store, TTL: cfg.CacheTTL, Jitter: 0.1,
			Logger: logger},
		Logger: logger,
	}

	mux := http.NewServeMux()
	probes.Register(mux)
	mux.Handle("GET /metrics", reg.Handler())
	products.Register(mux)
	var handler http.Handler = mux
	handler = metrics.RED(reg, time.Now, handler)
	handler = logging.Middleware(logger, handler)
	handler = tracing.Middleware(&tracing.IDs{Random: rand.Reader}, handler)

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", cfg.HTTPAddr, err)
	}
	const sec = time.Second
	srv := &server.Server{
		HTTP:            &http.Server{Handler: handler, ReadHeaderTimeout: 5 * sec},
		Probes:          probes,
		Logger:          logger,
		DrainDelay:      cfg.DrainDelay,
		ShutdownTimeout: cfg.ShutdownTimeout,
	}
	return &App{Config: cfg, Logger: logger, Probes: probes, Metrics: reg,
		server: srv, listener: ln}, nil
}

// snippet.end

// Addr is the address the service listens on (useful with HTTP_ADDR=127.0.0.1:0).
func (a *App) Addr() net.Addr { return a.listener.Addr() }

// Serve marks the service started and serves until ctx is done, then shuts down.
func (a *App) Serve(ctx context.Context) error {
	a.Logger.Info("listening", "addr", a.Addr().String())
	a.Probes.MarkStarted()
	return a.server.Serve(ctx, a.listener)
}
