// Command e2e-runner starts the real saas-api binary on a fresh embedded
// database, serving the built dashboard, and runs the browser suite
// (dashboard/e2e/run.mjs, headless Chromium) against it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/saaslite/controlplane/internal/procrun"
)

func main() {
	binary := flag.String("binary", "./bin/saas-api", "the saas-api binary to start")
	dashboard := flag.String("dashboard", "dashboard", "the dashboard folder (with dist/ built and e2e/run.mjs)")
	flag.Parse()

	dist, err := filepath.Abs(filepath.Join(*dashboard, "dist"))
	if err != nil {
		fail(err)
	}
	if _, err := os.Stat(filepath.Join(dist, "index.html")); err != nil {
		fail(fmt.Errorf("no dashboard build in %s: run make dashboard first", dist))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()

	srv, err := procrun.Start(ctx, *binary, "DASHBOARD_DIR="+dist)
	if err != nil {
		fail(err)
	}
	fmt.Printf("saas-api ready in %v; dashboard at %s\n", srv.StartupTime.Round(time.Millisecond), srv.DashboardURL)

	start := time.Now()
	cmd := exec.CommandContext(ctx, "node", "e2e/run.mjs")
	cmd.Dir = *dashboard
	cmd.Env = append(os.Environ(), "E2E_BASE_URL="+srv.DashboardURL)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	runErr := cmd.Run()
	fmt.Printf("browser suite took %v\n", time.Since(start).Round(time.Millisecond))

	if err := srv.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e-runner: stop:", err)
	}
	if runErr != nil {
		fmt.Fprintln(os.Stderr, "--- saas-api output (tail) ---")
		out := srv.Output()
		if len(out) > 8000 {
			out = out[len(out)-8000:]
		}
		fmt.Fprintln(os.Stderr, out)
		fail(fmt.Errorf("browser suite: %w", runErr))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "e2e-runner:", err)
	os.Exit(1)
}
