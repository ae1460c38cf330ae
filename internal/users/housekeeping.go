package users

import (
	"context"

	"github.com/saaslite/controlplane/internal/apperr"
)

// Housekeep deletes sessions that ended a week ago (with their used refresh
// tokens) and password attempts older than a day, beyond any throttle window.
func (s *Service) Housekeep(ctx context.Context) error {
	if _, err := s.store.Q.DeleteStaleSessions(ctx); err != nil {
		return apperr.Internal(err, "delete ended sessions")
	}
	if _, err := s.store.Q.DeleteOldLoginAttempts(ctx); err != nil {
		return apperr.Internal(err, "delete old password attempts")
	}
	return nil
}
