package tracing

import (
	"context"
	"io"
	"net/http"
	"sync"
)

// Span is this service's span for one request: its own context and the caller's span
// id.
type Span struct {
	Context SpanContext
	Parent  [8]byte // zero for the root of a trace
}

type spanKey struct{}

// FromContext returns the span the middleware stored, if any.
func FromContext(ctx context.Context) (Span, bool) {
	s, ok := ctx.Value(spanKey{}).(Span)
	return s, ok
}

// IDs makes trace and span ids from a random source. Tests pass a seeded one.
type IDs struct {
	mu     sync.Mutex
	Random io.Reader // crypto/rand.Reader in production
}

func (g *IDs) read(b []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for {
		if _, err := io.ReadFull(g.Random, b); err != nil {
			panic("tracing: random source failed: " + err.Error())
		}
		for _, c := range b {
			if c != 0 {
				return // all-zero ids are invalid; draw again (about once in 2⁶⁴ tries)
			}
		}
	}
}

// snippet.middleware
// Middleware continues the caller's trace when its traceparent is valid, or starts a
// new one, and stores this service's span in the request context.
func Middleware(ids *IDs, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var span Span
		if parent, err := Parse(r.Header.Get("traceparent")); err == nil {
			span.Context = parent
			span.Parent = parent.SpanID
			span.Context.State = r.Header.Get("tracestate")
		} else {
			// No usable parent: this request is the root. tracestate is dropped with
			// it.
			ids.read(span.Context.TraceID[:])
			span.Context.Flags = 0x01
		}
		ids.read(span.Context.SpanID[:])
		ctx := context.WithValue(r.Context(), spanKey{}, span)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// snippet.end

// snippet.transport
// Transport adds traceparent and tracestate to outgoing requests made with a context
// that carries a span, so the next service continues the same trace.
type Transport struct {
	Base http.RoundTripper
}

func (t Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	if span, ok := FromContext(r.Context()); ok {
		r = r.Clone(r.Context()) // a RoundTripper must not modify its argument
		r.Header.Set("traceparent", span.Context.String())
		if span.Context.State != "" {
			r.Header.Set("tracestate", span.Context.State)
		}
	}
	return t.Base.RoundTrip(r)
}

// snippet.end
