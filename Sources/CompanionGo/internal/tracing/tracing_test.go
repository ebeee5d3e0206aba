package tracing

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

func TestParseAcceptsTheSpecificationsExample(t *testing.T) {
	sc, err := Parse(example)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%x", sc.TraceID) != "4bf92f3577b34da6a3ce929d0e0e4736" ||
		fmt.Sprintf("%x", sc.SpanID) != "00f067aa0ba902b7" || !sc.Sampled() {
		t.Errorf("parsed %+v", sc)
	}
	if sc.String() != example {
		t.Errorf("String() = %s", sc.String())
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"empty":                  "",
		"uppercase hex":          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
		"version ff":             "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"zero trace id":          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
		"zero parent id":         "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
		"v00 with extra fields":  example + "-ab",
		"wrong separator":        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"short trace id":         "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01-",
		"bad flags":              "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
		"later version, no dash": "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
	}
	for name, header := range cases {
		if sc, err := Parse(header); err == nil {
			t.Errorf("%s: accepted %q as %+v", name, header, sc)
		}
	}
}

func TestParseReadsALaterVersionsKnownFields(t *testing.T) {
	sc, err := Parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds")
	if err != nil {
		t.Fatal(err)
	}
	if sc.String() != example {
		t.Errorf("re-encoded as %s, want version 00", sc.String())
	}
}

func seeded() *IDs {
	return &IDs{Random: rand.NewChaCha8([32]byte{1})}
}

// Two services over real HTTP: the front end calls the back end with a traced client.
func TestATraceCrossesTwoServices(t *testing.T) {
	var seen Span
	backend := httptest.NewServer(Middleware(seeded(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = FromContext(r.Context())
	})))
	defer backend.Close()
	client := &http.Client{Transport: Transport{Base: http.DefaultTransport}}
	var front Span
	frontend := httptest.NewServer(Middleware(seeded(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		front, _ = FromContext(r.Context())
		req, _ := http.NewRequestWithContext(r.Context(), "GET", backend.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})))
	defer frontend.Close()

	req, _ := http.NewRequest("GET", frontend.URL, nil)
	req.Header.Set("traceparent", example)
	req.Header.Set("tracestate", "vendor=abc")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	caller, _ := Parse(example)
	if front.Context.TraceID != caller.TraceID || front.Parent != caller.SpanID || front.Context.SpanID == caller.SpanID {
		t.Errorf("front end span %+v does not continue the caller's trace", front)
	}
	if seen.Context.TraceID != caller.TraceID || seen.Parent != front.Context.SpanID {
		t.Errorf("back end span %+v is not a child of the front end's %x", seen, front.Context.SpanID)
	}
	if seen.Context.State != "vendor=abc" || !seen.Context.Sampled() {
		t.Errorf("tracestate or flags lost: %+v", seen.Context)
	}
}

func TestAnInvalidParentStartsANewTraceAndDropsTracestate(t *testing.T) {
	var span Span
	handler := Middleware(seeded(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		span, _ = FromContext(r.Context())
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("traceparent", strings.ToUpper(example))
	req.Header.Set("tracestate", "vendor=abc")
	handler.ServeHTTP(httptest.NewRecorder(), req)
	if span.Parent != [8]byte{} || span.Context.TraceID == [16]byte{} || span.Context.State != "" {
		t.Errorf("span = %+v", span)
	}
}

func TestTransportLeavesRequestsWithoutASpanAlone(t *testing.T) {
	var header string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header = r.Header.Get("traceparent")
	}))
	defer server.Close()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", server.URL, nil)
	resp, err := (&http.Client{Transport: Transport{Base: http.DefaultTransport}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if header != "" || req.Header.Get("traceparent") != "" {
		t.Errorf("traceparent %q added without a span", header)
	}
}
