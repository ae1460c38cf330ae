// Command saas-api is the control plane: `serve` (the default) runs the API
// and the dashboard; `migrate` applies the database migrations and exits.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/saaslite/controlplane/internal/config"
	"github.com/saaslite/controlplane/internal/migrate"
)

func main() {
	cmd := "serve"
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fail(err)
	}
	log := newLogger(cfg)

	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log)
	case "migrate":
		err = migrateOnly(ctx, cfg, log)
	case "-h", "--help", "help":
		fmt.Println("usage: saas-api [serve|migrate]\n\nConfiguration comes from the environment; see README.md.")
		return
	default:
		err = fmt.Errorf("unknown command %q (want serve or migrate)", cmd)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "saas-api:", err)
	os.Exit(1)
}

func newLogger(cfg *config.Config) *slog.Logger {
	if cfg.Production {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

func migrateOnly(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.close()
	n, err := migrate.Up(ctx, db.url)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "count", n)
	return nil
}
