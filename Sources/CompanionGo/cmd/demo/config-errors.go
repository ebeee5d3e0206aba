// Demo config-errors: what a pod with a broken environment prints before it exits.
package main

import (
	"fmt"
	"io"

	"example.com/catalog/internal/app"
	"example.com/catalog/internal/config"
)

func configErrors() {
	env := config.FromMap(map[string]string{
		"LOG_LEVEL":        "verbose",
		"DATABASE_URL":     "postgres://app:hunter2@/db",
		"DRAIN_DELAY":      "25s",
		"SHUTDOWN_TIMEOUT": "20s",
	})
	if _, err := app.New(env, io.Discard); err != nil {
		fmt.Printf("catalog: %v\n", err)
	}
}

// snippet.hide
// Output:
// catalog: invalid configuration:
//   LOG_LEVEL: want debug, info, warn or error, got "verbose"
//   DATABASE_URL: want a URL such as postgres://user@host/db, got "postgres://app:xxxxx@/db"
//   DRAIN_DELAY: must be shorter than SHUTDOWN_TIMEOUT (20s)
// snippet.show
