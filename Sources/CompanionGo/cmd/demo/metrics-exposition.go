// Demo metrics-exposition: the RED middleware over a mux, a few requests, then what
// /metrics serves.
package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"example.com/catalog/internal/metrics"
)

func metricsExposition() {
	reg := &metrics.Registry{}
	ms := time.Millisecond
	latencies := []time.Duration{12 * ms, 40 * ms, 180 * ms}
	clock, calls := time.Unix(0, 0), 0
	now := func() time.Time { // start, end, start, end…: request n takes latencies[n]
		if calls%2 == 1 {
			clock = clock.Add(latencies[calls/2])
		}
		calls++
		return clock
	}
	mux := http.NewServeMux()
	product := func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "999" {
			http.NotFound(w, r)
		}
	}
	mux.HandleFunc("GET /products/{id}", product)
	handler := metrics.RED(reg, now, mux)
	for _, path := range []string{"/products/1", "/products/2", "/products/999"} {
		request := httptest.NewRequest("GET", path, nil)
		handler.ServeHTTP(httptest.NewRecorder(), request)
	}
	reg.WriteTo(os.Stdout)
}

// snippet.hide
// Output:
// # HELP http_requests_total HTTP requests completed, by method, route and status code.
// # TYPE http_requests_total counter
// http_requests_total{method="GET",route="/products/{id}",code="200"} 2
// http_requests_total{method="GET",route="/products/{id}",code="404"} 1
// # HELP http_request_duration_seconds Time from request received to handler returned.
// # TYPE http_request_duration_seconds histogram
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.005"} 0
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.01"} 0
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.025"} 1
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.05"} 2
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.1"} 2
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.25"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="0.5"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="1"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="2.5"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="5"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="10"} 3
// http_request_duration_seconds_bucket{method="GET",route="/products/{id}",le="+Inf"} 3
// http_request_duration_seconds_sum{method="GET",route="/products/{id}"} 0.23199999999999998
// http_request_duration_seconds_count{method="GET",route="/products/{id}"} 3
// snippet.show
