// Demo traceparent: a request arrives with a traceparent; the service calls the next
// one with the same trace.
package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"

	"example.com/catalog/internal/tracing"
)

func traceparent() {
	next := httptest.NewServer(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			fmt.Println("next service receives:", r.Header.Get("traceparent"))
		}))
	defer next.Close()
	client := &http.Client{Transport: tracing.Transport{Base: http.DefaultTransport}}
	// Seeded ids, so the output can be pinned.
	ids := &tracing.IDs{Random: rand.NewChaCha8([32]byte{42})}
	service := tracing.Middleware(ids, http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			span, _ := tracing.FromContext(r.Context())
			fmt.Printf("this service's span:   %x (parent %x)\n",
				span.Context.SpanID, span.Parent)
			req, _ := http.NewRequestWithContext(r.Context(), "GET", next.URL, nil)
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}))

	incoming := "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	fmt.Println("request arrives with: ", incoming)
	req := httptest.NewRequest("GET", "/products/1", nil)
	req.Header.Set("traceparent", incoming)
	service.ServeHTTP(httptest.NewRecorder(), req)

	fmt.Println("no traceparent at all:")
	req = httptest.NewRequest("GET", "/products/1", nil)
	service.ServeHTTP(httptest.NewRecorder(), req)
}

// snippet.hide
// Output:
// request arrives with:  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
// this service's span:   22301fb8d82978da (parent 00f067aa0ba902b7)
// next service receives: 00-4bf92f3577b34da6a3ce929d0e0e4736-22301fb8d82978da-01
// no traceparent at all:
// this service's span:   95798d340c0a17e8 (parent 0000000000000000)
// next service receives: 00-f007b05614969f3403d0062673f55944-95798d340c0a17e8-01
// snippet.show
