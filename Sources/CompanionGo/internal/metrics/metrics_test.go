package metrics

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestHistogramBucketsAreCumulativeAndInclusive(t *testing.T) {
	var reg Registry
	h := reg.Histogram("job_seconds", "Job time.", []float64{0.1, 1})
	for _, v := range []float64{0.05, 0.1, 0.5, 1, 3} {
		h.Observe(v)
	}
	var b strings.Builder
	reg.WriteTo(&b)
	want := `# HELP job_seconds Job time.
# TYPE job_seconds histogram
job_seconds_bucket{le="0.1"} 2
job_seconds_bucket{le="1"} 4
job_seconds_bucket{le="+Inf"} 5
job_seconds_sum 4.65
job_seconds_count 5
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestLabelValuesAndHelpAreEscaped(t *testing.T) {
	var reg Registry
	reg.Counter("odd_total", "Back\\slash and\nnewline.", "v").Inc("a\"b\\c\nd")
	var b strings.Builder
	reg.WriteTo(&b)
	for _, want := range []string{`# HELP odd_total Back\\slash and\nnewline.`, `odd_total{v="a\"b\\c\nd"} 1`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %s in\n%s", want, b.String())
		}
	}
}

func TestCountersRefuseToGoDown(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a negative Add did not panic")
		}
	}()
	var reg Registry
	reg.Counter("x_total", "X.").Add(-1)
}

func TestREDUsesTheRoutePatternAndTheStatusCode(t *testing.T) {
	var reg Registry
	clock := time.Unix(0, 0)
	now := func() time.Time { clock = clock.Add(30 * time.Millisecond); return clock } // each call: +30 ms
	mux := http.NewServeMux()
	mux.HandleFunc("GET /products/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "404" {
			http.NotFound(w, r)
		}
	})
	handler := RED(&reg, now, mux)
	for _, path := range []string{"/products/1", "/products/2", "/products/404", "/nope"} {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	rec := httptest.NewRecorder()
	reg.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`http_requests_total{method="GET",route="/products/{id}",code="200"} 2`,
		`http_requests_total{method="GET",route="/products/{id}",code="404"} 1`,
		`http_requests_total{method="GET",route="unmatched",code="404"} 1`,
		`http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.025"} 0`,
		`http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.05"} 3`,
		`http_request_duration_seconds_count{method="GET",route="/products/{id}"} 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(body, "/products/1") {
		t.Error("a raw path leaked into a label")
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func ExampleRegistry_WriteTo() {
	var reg Registry
	requests := reg.Counter("catalog_cache_requests_total", "Cache lookups, by result.", "result")
	latency := reg.Histogram("catalog_db_query_duration_seconds", "Query time.", []float64{.01, .1, 1})
	requests.Add(41, "hit")
	requests.Inc("miss")
	latency.Observe(0.004)
	latency.Observe(0.2)
	reg.WriteTo(os.Stdout)
	fmt.Println("# EOF of the example")
	// Output:
	// # HELP catalog_cache_requests_total Cache lookups, by result.
	// # TYPE catalog_cache_requests_total counter
	// catalog_cache_requests_total{result="hit"} 41
	// catalog_cache_requests_total{result="miss"} 1
	// # HELP catalog_db_query_duration_seconds Query time.
	// # TYPE catalog_db_query_duration_seconds histogram
	// catalog_db_query_duration_seconds_bucket{le="0.01"} 1
	// catalog_db_query_duration_seconds_bucket{le="0.1"} 1
	// catalog_db_query_duration_seconds_bucket{le="1"} 2
	// catalog_db_query_duration_seconds_bucket{le="+Inf"} 2
	// catalog_db_query_duration_seconds_sum 0.20400000000000001
	// catalog_db_query_duration_seconds_count 2
	// # EOF of the example
}
