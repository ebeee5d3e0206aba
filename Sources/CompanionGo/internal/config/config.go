// Package config reads the service's settings from the environment once, at startup,
// into a typed value.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// snippet.config-type
// Config is everything the service reads from its environment. It is built once in
// main and passed down; nothing below main calls os.Getenv.
type Config struct {
	HTTPAddr        string        // HTTP_ADDR, default ":8080"
	LogLevel        slog.Level    // LOG_LEVEL: debug, info, warn, error
	DatabaseURL     *url.URL      // DATABASE_URL, required
	CacheTTL        time.Duration // CACHE_TTL, default 5m
	DrainDelay      time.Duration // DRAIN_DELAY, default 5s
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT, default 20s
}

// snippet.end

// LookupFunc has the shape of os.LookupEnv, so tests pass a map instead of the
// process environment.
type LookupFunc func(key string) (string, bool)

// FromMap adapts a map to a LookupFunc.
func FromMap(env map[string]string) LookupFunc {
	return func(key string) (string, bool) {
		value, ok := env[key]
		return value, ok
	}
}

// snippet.load
// Load reads and validates every setting and reports every problem at once:
// a pod that crash-loops should say everything that is wrong in its first log line.
func Load(lookup LookupFunc) (Config, error) {
	r := reader{lookup: lookup}
	cfg := Config{
		HTTPAddr:        r.str("HTTP_ADDR", ":8080"),
		LogLevel:        r.level("LOG_LEVEL", slog.LevelInfo),
		DatabaseURL:     r.url("DATABASE_URL"),
		CacheTTL:        r.duration("CACHE_TTL", 5*time.Minute),
		DrainDelay:      r.duration("DRAIN_DELAY", 5*time.Second),
		ShutdownTimeout: r.duration("SHUTDOWN_TIMEOUT", 20*time.Second),
	}
	if cfg.DrainDelay >= cfg.ShutdownTimeout {
		r.fail("DRAIN_DELAY", "must be shorter than SHUTDOWN_TIMEOUT (%s)",
			cfg.ShutdownTimeout)
	}
	if len(r.problems) > 0 {
		problems := errors.Join(r.problems...)
		return Config{}, fmt.Errorf("invalid configuration:\n%w", problems)
	}
	return cfg, nil
}

// snippet.end

// snippet.reader
type reader struct {
	lookup   LookupFunc
	problems []error
}

func (r *reader) fail(key, format string, args ...any) {
	problem := fmt.Sprintf(format, args...)
	r.problems = append(r.problems, fmt.Errorf("  %s: %s", key, problem))
}

func (r *reader) duration(key string, fallback time.Duration) time.Duration {
	raw, ok := r.lookup(key)
	if !ok || raw == "" {
		return fallback
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		r.fail(key, "want a positive duration such as 30s or 2m, got %q", raw)
		return fallback
	}
	return d
}

// snippet.end

func (r *reader) str(key, fallback string) string {
	if raw, ok := r.lookup(key); ok && raw != "" {
		return raw
	}
	return fallback
}

func (r *reader) level(key string, fallback slog.Level) slog.Level {
	raw, ok := r.lookup(key)
	if !ok || raw == "" {
		return fallback
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(raw)); err != nil {
		r.fail(key, "want debug, info, warn or error, got %q", raw)
		return fallback
	}
	return level
}

func (r *reader) url(key string) *url.URL {
	raw, ok := r.lookup(key)
	if !ok || raw == "" {
		r.fail(key, "required, not set")
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		r.fail(key, "want a URL such as postgres://user@host/db, got %q", redact(raw))
		return nil
	}
	return u
}

// redact hides a password in a URL-like value before it reaches an error message (and
// so the logs).
func redact(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return raw
	}
	if user, _, hasPassword := strings.Cut(userinfo, ":"); hasPassword {
		return scheme + "://" + user + ":xxxxx@" + host
	}
	return raw
}
