package metrics

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// snippet.red
// RED instruments an HTTP handler with the three RED signals: the rate of requests
// and of errors (one counter, split by status code) and their duration (a histogram).
// The route label is the ServeMux pattern that matched, never the raw path:
// /products/{id} is one series, not one per product.
func RED(reg *Registry, now func() time.Time, next http.Handler) http.Handler {
	requests := reg.Counter("http_requests_total",
		"HTTP requests completed, by method, route and status code.",
		"method", "route", "code")
	duration := reg.Histogram("http_request_duration_seconds",
		"Time from request received to handler returned.", DefaultBuckets,
		"method", "route")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := now()
		rec := &codeRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r) // the mux sets r.Pattern on this same request
		route := routeOf(r)
		requests.Inc(r.Method, route, strconv.Itoa(rec.code))
		duration.Observe(now().Sub(start).Seconds(), r.Method, route)
	})
}

// snippet.end

// routeOf is the path part of the pattern that matched ("GET /products/{id}" →
// "/products/{id}").
func routeOf(r *http.Request) string {
	if r.Pattern == "" {
		return "unmatched"
	}
	if _, path, ok := strings.Cut(r.Pattern, " "); ok {
		return path
	}
	return r.Pattern
}

type codeRecorder struct {
	http.ResponseWriter
	code    int
	written bool
}

func (c *codeRecorder) WriteHeader(code int) {
	if !c.written {
		c.code, c.written = code, true
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *codeRecorder) Write(b []byte) (int, error) {
	c.written = true
	return c.ResponseWriter.Write(b)
}

func (c *codeRecorder) Unwrap() http.ResponseWriter { return c.ResponseWriter }
