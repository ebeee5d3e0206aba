package config

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLoadAppliesDefaults(t *testing.T) {
	cfg, err := Load(FromMap(map[string]string{"DATABASE_URL": "postgres://app@db:5432/catalog"}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.HTTPAddr != ":8080" || cfg.LogLevel != slog.LevelInfo || cfg.CacheTTL != 5*time.Minute ||
		cfg.DrainDelay != 5*time.Second || cfg.ShutdownTimeout != 20*time.Second {
		t.Errorf("defaults not applied: %+v", cfg)
	}
	if cfg.DatabaseURL.Host != "db:5432" {
		t.Errorf("DatabaseURL host = %q", cfg.DatabaseURL.Host)
	}
}

func TestLoadReadsEverySetting(t *testing.T) {
	cfg, err := Load(FromMap(map[string]string{
		"HTTP_ADDR": "127.0.0.1:9000", "LOG_LEVEL": "debug", "DATABASE_URL": "postgres://db/x",
		"CACHE_TTL": "90s", "DRAIN_DELAY": "2s", "SHUTDOWN_TIMEOUT": "25s",
	}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Config{HTTPAddr: "127.0.0.1:9000", LogLevel: slog.LevelDebug, DatabaseURL: cfg.DatabaseURL,
		CacheTTL: 90 * time.Second, DrainDelay: 2 * time.Second, ShutdownTimeout: 25 * time.Second}
	if cfg != want {
		t.Errorf("got %+v, want %+v", cfg, want)
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	_, err := Load(FromMap(map[string]string{"LOG_LEVEL": "loud", "CACHE_TTL": "-1s", "SHUTDOWN_TIMEOUT": "soon"}))
	if err == nil {
		t.Fatal("Load accepted an invalid environment")
	}
	for _, key := range []string{"LOG_LEVEL", "DATABASE_URL", "CACHE_TTL", "SHUTDOWN_TIMEOUT"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error does not mention %s:\n%v", key, err)
		}
	}
}

func TestLoadRejectsDrainDelayLongerThanShutdownTimeout(t *testing.T) {
	_, err := Load(FromMap(map[string]string{
		"DATABASE_URL": "postgres://db/x", "DRAIN_DELAY": "30s", "SHUTDOWN_TIMEOUT": "20s",
	}))
	if err == nil || !strings.Contains(err.Error(), "DRAIN_DELAY: must be shorter than SHUTDOWN_TIMEOUT (20s)") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadNeverEchoesAPassword(t *testing.T) {
	_, err := Load(FromMap(map[string]string{"DATABASE_URL": "postgres://app:s3cret@/nohost"}))
	if err == nil {
		t.Fatal("Load accepted a URL without a host")
	}
	if strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "app:xxxxx@") {
		t.Errorf("password not redacted: %v", err)
	}
}

func ExampleLoad() {
	_, err := Load(FromMap(map[string]string{
		"LOG_LEVEL":        "verbose",
		"SHUTDOWN_TIMEOUT": "30",
	}))
	fmt.Println(err)
	// Output:
	// invalid configuration:
	//   LOG_LEVEL: want debug, info, warn or error, got "verbose"
	//   DATABASE_URL: required, not set
	//   SHUTDOWN_TIMEOUT: want a positive duration such as 30s or 2m, got "30"
}
