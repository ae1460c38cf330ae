package app

import (
	"context"
	"log/slog"
	"time"
)

// Housekeep runs the services' clean-ups (ended sessions, old password
// attempts, expired idempotency keys) every interval until ctx ends.
func (a *App) Housekeep(ctx context.Context, log *slog.Logger, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, job := range a.housekeepers {
			if err := job(ctx); err != nil {
				log.Warn("housekeeping", "error", err)
			}
		}
	}
}
