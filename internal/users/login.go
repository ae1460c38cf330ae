package users

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/store"
)

const errLoginFailedText = "Invalid email or password"

// ErrLoginFailed is the one answer to every failed login.
var ErrLoginFailed = apperr.Unauthenticated(errLoginFailedText)

// Login checks the password and opens a session. Unknown email, wrong
// password and inactive user fail alike, after the same bcrypt work.
func (s *Service) Login(ctx context.Context, req api.LoginRequest) (Issued, error) {
	email := NormalizeEmail(string(req.Email))
	attempt, err := s.startAttempt(ctx, email)
	if err != nil {
		return Issued{}, err
	}
	outcome := "failed"
	defer func() { attempt.finish(ctx, outcome) }()

	user, err := s.store.Q.GetAdminUserByEmail(ctx, email)
	switch {
	case store.IsNoRows(err):
		auth.BurnPasswordCheck(req.Password)
		return Issued{}, s.loginFailed(ctx, email, "unknown_email", nil)
	case err != nil:
		return Issued{}, apperr.Internal(err, "find user")
	}
	if !auth.VerifyPassword(user.PasswordHash, req.Password) {
		return Issued{}, s.loginFailed(ctx, email, "wrong_password", &user)
	}
	if !user.IsActive {
		return Issued{}, s.loginFailed(ctx, email, "inactive_user", &user)
	}

	var out Issued
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		if out, err = s.startSession(ctx, q, user); err != nil {
			return err
		}
		id := user.UserID
		return audit.RecordAs(ctx, q, "user", &id, audit.Entry{
			Action: "login", ResourceType: "admin_user", ResourceID: id.String(),
			Details: map[string]any{"email": email, "session_id": out.SessionID.String()},
		})
	})
	if err == nil {
		outcome = "succeeded"
	}
	return out, err
}

// loginFailed records the failure (its own transaction: nothing else
// changes) and returns the uniform error.
func (s *Service) loginFailed(ctx context.Context, email, reason string, user *dbq.AdminUser) error {
	details := map[string]any{"email": email, "reason": reason}
	if user != nil {
		details["target_user_id"] = user.UserID.String()
	}
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		return audit.RecordAs(ctx, q, "anonymous", nil, audit.Entry{
			Action: "login_failed", ResourceType: "admin_user", ResourceID: email, Details: details,
		})
	})
	if err != nil {
		return apperr.Internal(err, "record failed login")
	}
	return ErrLoginFailed
}
