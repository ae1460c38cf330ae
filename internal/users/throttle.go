package users

import (
	"context"

	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
)

// Password guessing is throttled per (email, client address): after
// maxFailedAttempts failed or in-flight attempts within the window, further
// attempts answer 429 until the window has passed. Every replica sees the
// same rows.
const (
	maxFailedAttempts  = 10
	attemptWindowS     = 15 * 60
	errTooManyAttempts = "Too many failed attempts; try again later"
)

// passwordAttempt is one throttled password check in progress.
type passwordAttempt struct {
	q  *dbq.Queries
	id int64
}

// startAttempt records the attempt first and only then counts: with the
// attempt committed before the count, the k-th of n parallel attempts sees
// at least k rows, so no more than maxFailedAttempts get through.
func (s *Service) startAttempt(ctx context.Context, email string) (*passwordAttempt, error) {
	ip := principal.RequestFrom(ctx).IP
	q := s.store.Q
	id, err := q.StartLoginAttempt(ctx, dbq.StartLoginAttemptParams{Email: email, IpAddress: ip})
	if err != nil {
		return nil, apperr.Internal(err, "record attempt")
	}
	a := &passwordAttempt{q: q, id: id}
	n, err := q.CountLoginAttemptsAgainst(ctx, dbq.CountLoginAttemptsAgainstParams{
		Email: email, IpAddress: ip, WindowSeconds: attemptWindowS,
	})
	if err != nil {
		return nil, apperr.Internal(err, "count attempts")
	}
	if n > maxFailedAttempts {
		a.finish(ctx, "throttled")
		return nil, apperr.TooMany(attemptWindowS, errTooManyAttempts)
	}
	return a, nil
}

// finish records the outcome. An attempt left pending (a crash) keeps
// counting as a failure until the window passes, which errs on the safe side.
func (a *passwordAttempt) finish(ctx context.Context, outcome string) {
	_ = a.q.FinishLoginAttempt(context.WithoutCancel(ctx), dbq.FinishLoginAttemptParams{AttemptID: a.id, Outcome: outcome})
}
