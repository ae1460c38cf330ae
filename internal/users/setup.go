package users

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/auth"
)

var errSetupDone = apperr.Invalid("Setup already completed. Owner account exists.")

// SetupStatus says whether the first owner still has to be created.
func (s *Service) SetupStatus(ctx context.Context) (api.SetupStatus, error) {
	n, err := s.store.Q.CountAdminUsers(ctx)
	if err != nil {
		return api.SetupStatus{}, apperr.Internal(err, "count users")
	}
	return api.SetupStatus{NeedsSetup: n == 0, HasUsers: n > 0}, nil
}

// Setup creates the first owner and signs them in. An advisory lock makes
// concurrent calls queue, so exactly one of them finds the table empty.
func (s *Service) Setup(ctx context.Context, req api.SetupRequest) (Issued, error) {
	// Cheap early answer; the locked check below is the one that counts.
	if st, err := s.SetupStatus(ctx); err != nil {
		return Issued{}, err
	} else if !st.NeedsSetup {
		return Issued{}, errSetupDone
	}
	hash, err := auth.HashPassword(req.Password)
	if err != nil {
		return Issued{}, err
	}
	email := NormalizeEmail(string(req.Email))
	var out Issued
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		if err := q.LockSetup(ctx); err != nil {
			return apperr.Internal(err, "setup lock")
		}
		n, err := q.CountAdminUsers(ctx)
		if err != nil {
			return apperr.Internal(err, "count users")
		}
		if n > 0 {
			return errSetupDone
		}
		owner, err := q.InsertAdminUser(ctx, dbq.InsertAdminUserParams{
			Email: email, DisplayName: string(req.DisplayName), PasswordHash: hash,
			Role: "owner", Metadata: []byte("{}"),
		})
		if err != nil {
			return apperr.Internal(err, "insert owner")
		}
		if out, err = s.startSession(ctx, q, owner); err != nil {
			return err
		}
		id := owner.UserID
		return audit.RecordAs(ctx, q, "user", &id, audit.Entry{
			Action: "setup_owner", ResourceType: "admin_user", ResourceID: id.String(),
			Details: map[string]any{"email": owner.Email, "display_name": owner.DisplayName},
		})
	})
	if err != nil {
		return Issued{}, err
	}
	return out, nil
}
