package app

import (
	"context"
	"log/slog"
	"time"
)

// Housekeep deletes data that has served its purpose (sessions that ended a
// week ago, day-old password attempts, expired idempotency keys) every interval until ctx ends.
func (a *App) Housekeep(ctx context.Context, log *slog.Logger, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n, err := a.Store.Q.DeleteStaleSessions(ctx); err != nil {
			log.Warn("housekeeping: sessions", "error", err)
		} else if n > 0 {
			log.Info("housekeeping: deleted ended sessions", "count", n)
		}
		if _, err := a.Store.Q.DeleteOldLoginAttempts(ctx); err != nil {
			log.Warn("housekeeping: login attempts", "error", err)
		}
		for _, job := range a.housekeepers {
			if err := job(ctx); err != nil {
				log.Warn("housekeeping", "error", err)
			}
		}
	}
}
