// Command demo runs one of the articles' demos: go run ./cmd/demo <name>. Each demo
// is deterministic (fixed seeds, fake clocks) and pins what it prints in an "Output:"
// comment that folio check compares.
package main

import (
	"fmt"
	"os"
)

var demos = []struct {
	name, summary string
	run           func()
}{
	{"config-errors", "every configuration problem reported at startup, at once", configErrors},
	{"graceful-shutdown", "SIGTERM to exit: readiness fails, in-flight requests drain", gracefulShutdown},
	{"coalescing", "100 concurrent cache misses, one load", coalescing},
	{"coalescing-chart", "the same misses as a pie of loads and waits (a chart)", coalescingChart},
	{"backoff-schedule", "retry waits with capped exponential backoff and full jitter", backoffSchedule},
	{"metrics-exposition", "what Prometheus scrapes after a few requests", metricsExposition},
	{"traceparent", "a trace continued across two services", traceparent},
}

func main() {
	if len(os.Args) == 2 {
		for _, demo := range demos {
			if demo.name == os.Args[1] {
				demo.run()
				return
			}
		}
		fmt.Fprintf(os.Stderr, "unknown demo %q\n", os.Args[1])
	}
	fmt.Fprintln(os.Stderr, "usage: demo <name>\n\ndemos:")
	for _, demo := range demos {
		fmt.Fprintf(os.Stderr, "  %-20s %s\n", demo.name, demo.summary)
	}
	os.Exit(2)
}
