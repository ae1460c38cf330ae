// Command seed-replay runs the twelve scenarios of the original system's
// integration-test report (shared/seed) through the generated Go SDK against
// the real binary, started with its embedded database on a fresh data
// folder. It prints one line per scenario and "N passed, M failed".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/saaslite/controlplane/internal/procrun"
)

func main() {
	binary := flag.String("binary", "./bin/saas-api", "the saas-api binary to start")
	url := flag.String("url", "", "replay against this running API instead of starting the binary (needs a fresh database)")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	base := *url
	if base == "" {
		srv, err := procrun.Start(ctx, *binary)
		if err != nil {
			fmt.Fprintln(os.Stderr, "seed-replay:", err)
			os.Exit(1)
		}
		defer func() {
			if err := srv.Stop(); err != nil {
				fmt.Fprintln(os.Stderr, "seed-replay: stop:", err)
			}
		}()
		fmt.Printf("saas-api ready in %v on a fresh embedded database\n", srv.StartupTime.Round(time.Millisecond))
		base = srv.APIURL
	}

	r, err := newReplay(base)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seed-replay:", err)
		os.Exit(1)
	}
	passed, failed := 0, 0
	for i, sc := range scenarios {
		start := time.Now()
		err := sc.run(ctx, r)
		status := "PASS"
		if err != nil {
			status = "FAIL"
			failed++
		} else {
			passed++
		}
		fmt.Printf("%s %2d %-32s %6.0fms", status, i+1, sc.name, float64(time.Since(start).Microseconds())/1000)
		if err != nil {
			fmt.Printf("  %v", err)
		}
		fmt.Println()
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
