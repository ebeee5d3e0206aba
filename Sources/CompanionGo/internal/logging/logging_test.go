package logging

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func decodeLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var record map[string]any
		if err := json.Unmarshal([]byte(line), &record); err != nil {
			t.Fatalf("not JSON: %q: %v", line, err)
		}
		records = append(records, record)
	}
	return records
}

func TestMiddlewareKeepsAValidCallerIDAndLogsItEverywhere(t *testing.T) {
	var buf bytes.Buffer
	logger := New(&buf, new(slog.LevelVar), "catalog")
	handler := Middleware(logger, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "loading product", "id", 42)
		// No WriteHeader: the implicit 200 must be what the access line records.
		_, _ = w.Write([]byte(`{"id":42}`))
	}))
	req := httptest.NewRequest("GET", "/products/42", nil)
	req.Header.Set(RequestIDHeader, "abc-123")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)

	if got := rec.Header().Get(RequestIDHeader); got != "abc-123" {
		t.Errorf("echoed id = %q", got)
	}
	records := decodeLines(t, &buf)
	if len(records) != 2 {
		t.Fatalf("got %d records: %v", len(records), records)
	}
	for _, r := range records {
		if r["request_id"] != "abc-123" || r["service"] != "catalog" {
			t.Errorf("record lacks request_id or service: %v", r)
		}
	}
	if records[1]["msg"] != "request" || records[1]["status"] != float64(http.StatusOK) || records[1]["level"] != "INFO" {
		t.Errorf("access record = %v", records[1])
	}
}

func TestMiddlewareReplacesAnUnsafeID(t *testing.T) {
	var buf bytes.Buffer
	handler := Middleware(New(&buf, new(slog.LevelVar), "catalog"), http.NotFoundHandler())
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set(RequestIDHeader, "x\"}\n{\"level\":\"ERROR")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	id := rec.Header().Get(RequestIDHeader)
	if len(id) != 16 || !validID(id) {
		t.Errorf("generated id = %q", id)
	}
	if records := decodeLines(t, &buf); records[0]["request_id"] != id {
		t.Errorf("logged id %v, header %q", records[0]["request_id"], id)
	}
}

func TestServerErrorsAreLoggedAtErrorLevel(t *testing.T) {
	var buf bytes.Buffer
	handler := Middleware(New(&buf, new(slog.LevelVar), "catalog"), http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "boom", http.StatusBadGateway)
	}))
	handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	record := decodeLines(t, &buf)[0]
	if record["level"] != "ERROR" || record["status"] != float64(http.StatusBadGateway) {
		t.Errorf("level = %v, status = %v", record["level"], record["status"])
	}
}

func TestLevelVarFiltersAndCanChangeAtRunTime(t *testing.T) {
	var buf bytes.Buffer
	level := new(slog.LevelVar)
	level.Set(slog.LevelWarn)
	logger := New(&buf, level, "catalog")
	logger.Info("hidden")
	logger.Warn("shown")
	level.Set(slog.LevelDebug)
	logger.Debug("now shown")
	records := decodeLines(t, &buf)
	if len(records) != 2 || records[0]["msg"] != "shown" || records[1]["msg"] != "now shown" {
		t.Errorf("records = %v", records)
	}
}
