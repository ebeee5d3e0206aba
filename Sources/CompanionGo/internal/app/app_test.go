package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"

	"example.com/catalog/internal/config"
)

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// The whole service over loopback, stopped by a real SIGTERM sent to this test
// process.
func TestServiceServesAndStopsOnSIGTERM(t *testing.T) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var logs syncBuffer
	a, err := New(config.FromMap(map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATABASE_URL": "postgres://db/catalog",
		"DRAIN_DELAY": "1ms", "SHUTDOWN_TIMEOUT": "10s",
	}), &logs)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	base := "http://" + a.Addr().String()

	resp, body := get(t, base+"/products/1")
	if resp.StatusCode != 200 || body != `{"id":"1","name":"Espresso cup","price_cents":1200}` {
		t.Errorf("GET /products/1 = %d %s", resp.StatusCode, body)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id in the response")
	}
	if resp, _ := get(t, base+"/products/2"); resp.StatusCode != 404 {
		t.Errorf("GET /products/2 = %d", resp.StatusCode)
	}
	if resp, _ := get(t, base+"/readyz"); resp.StatusCode != 200 {
		t.Errorf("readyz = %d", resp.StatusCode)
	}
	_, metrics := get(t, base+"/metrics")
	if !strings.Contains(metrics, `http_requests_total{method="GET",route="/products/{id}",code="404"} 1`) {
		t.Errorf("metrics:\n%s", metrics)
	}

	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve = %v", err)
	}
	for _, want := range []string{`"msg":"shutdown started","service":"catalog","cause":"terminated signal received"`, `"msg":"shutdown complete"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %s:\n%s", want, logs.String())
		}
	}
}

func TestNewRefusesToStartWithABadEnvironment(t *testing.T) {
	_, err := New(config.FromMap(map[string]string{"CACHE_TTL": "forever"}), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL: required") || !strings.Contains(err.Error(), "CACHE_TTL") {
		t.Errorf("err = %v", err)
	}
}

func TestNewReportsAnAddressInUse(t *testing.T) {
	env := map[string]string{"HTTP_ADDR": "127.0.0.1:0", "DATABASE_URL": "postgres://db/catalog"}
	first, err := New(config.FromMap(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer first.listener.Close()
	env["HTTP_ADDR"] = first.Addr().String()
	if _, err := New(config.FromMap(env), io.Discard); err == nil || !strings.Contains(err.Error(), "listening on") {
		t.Errorf("err = %v", err)
	}
}
