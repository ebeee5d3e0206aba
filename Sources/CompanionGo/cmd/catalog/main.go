// Command catalog serves the product catalogue over HTTP.
package main

// snippet.main
import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"example.com/catalog/internal/app"
)

func main() {
	// SIGTERM from the kubelet (or Ctrl-C locally) cancels ctx and starts the
	// shutdown.
	ctx, stop := signal.NotifyContext(context.Background(),
		syscall.SIGTERM, os.Interrupt)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C now gets Go's default behaviour: exit at once
	}()

	service, err := app.New(os.LookupEnv, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "catalog: %v\n", err)
		os.Exit(1)
	}
	if err := service.Serve(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "catalog: %v\n", err)
		os.Exit(1)
	}
}

// snippet.end
