package users

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
)

var (
	errBadToken       = apperr.Unauthenticated("Invalid or expired token")
	errSessionGone    = apperr.Unauthenticated("Session expired or revoked")
	errSessionUnknown = apperr.NotFound("Session not found")
	// errWrongCurrentPassword is a 401 like every failed password check.
	errWrongCurrentPassword = apperr.Unauthenticated("Current password is incorrect")
)

// Authenticate turns a bearer access token into a principal. One query checks
// that the session is live, bound to this exact token, and that its user is
// active; the role comes from the database, so changes apply at once.
func (s *Service) Authenticate(ctx context.Context, raw string) (principal.Principal, error) {
	claims, err := s.tokens.Verify(raw)
	if err != nil {
		return principal.Principal{}, errBadToken
	}
	row, err := s.store.Q.AuthenticateSession(ctx, dbq.AuthenticateSessionParams{
		SessionID: claims.SessionID, TokenHash: auth.SHA256(raw),
	})
	if store.IsNoRows(err) || (err == nil && row.AdminUser.UserID != claims.UserID) {
		return principal.Principal{}, errSessionGone
	}
	if err != nil {
		return principal.Principal{}, apperr.Internal(err, "authenticate session")
	}
	return principal.Principal{
		Kind:      principal.User,
		UserID:    row.AdminUser.UserID,
		Email:     row.AdminUser.Email,
		Role:      principal.Role(row.AdminUser.Role),
		SessionID: row.SessionID,
	}, nil
}

// Me returns the calling user.
func (s *Service) Me(ctx context.Context) (api.AdminUser, error) {
	u, err := s.store.Q.GetAdminUser(ctx, principal.From(ctx).UserID)
	if err != nil {
		return api.AdminUser{}, apperr.Internal(err, "load current user")
	}
	return toAPIUser(u), nil
}

// Refresh exchanges a refresh token for a new access token and a new refresh
// token. A refresh token that was already exchanged revokes its session: the
// token has leaked, and the holder of the newer one may be the thief.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (Issued, error) {
	if refreshToken == "" {
		return Issued{}, errSessionGone
	}
	hash := auth.SHA256(refreshToken)
	var out Issued
	var reused bool
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		sess, err := q.GetSessionByRefreshHashForUpdate(ctx, hash)
		if store.IsNoRows(err) {
			reused, err = s.revokeOnReuse(ctx, q, hash)
			if err != nil {
				return err
			}
			return nil
		}
		if err != nil {
			return apperr.Internal(err, "find session by refresh token")
		}
		if sess.RevokedAt != nil || !sess.ExpiresAt.After(time.Now()) || !sess.UserIsActive {
			return errSessionGone
		}
		user, err := q.GetAdminUser(ctx, sess.UserID)
		if err != nil {
			return apperr.Internal(err, "load user")
		}
		access, err := s.tokens.Issue(auth.AccessClaims{UserID: user.UserID, SessionID: sess.SessionID, Email: user.Email, Role: user.Role}, sess.ExpiresAt)
		if err != nil {
			return apperr.Internal(err, "issue token")
		}
		next := auth.NewRefreshToken()
		if err := q.InsertUsedRefreshToken(ctx, dbq.InsertUsedRefreshTokenParams{RefreshHash: hash, SessionID: sess.SessionID}); err != nil {
			return apperr.Internal(err, "remember used refresh token")
		}
		if err := q.RotateSessionTokens(ctx, dbq.RotateSessionTokensParams{
			SessionID: sess.SessionID, TokenHash: auth.SHA256(access), RefreshHash: auth.SHA256(next),
		}); err != nil {
			return apperr.Internal(err, "rotate session tokens")
		}
		out = Issued{
			Result:         api.LoginResult{AccessToken: access, TokenType: api.Bearer, ExpiresAt: sess.ExpiresAt, User: toAPIUser(user)},
			SessionID:      sess.SessionID,
			RefreshToken:   next,
			RefreshExpires: sess.ExpiresAt,
		}
		return nil
	})
	if err != nil {
		return Issued{}, err
	}
	if reused || out.RefreshToken == "" {
		return Issued{}, errSessionGone
	}
	return out, nil
}

// revokeOnReuse handles a refresh token that matches no live session: if it
// was exchanged before, its session is revoked and the reuse audited.
func (s *Service) revokeOnReuse(ctx context.Context, q *dbq.Queries, hash []byte) (bool, error) {
	sid, err := q.GetSessionOfUsedRefreshToken(ctx, hash)
	if store.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, apperr.Internal(err, "find used refresh token")
	}
	reason := "refresh_token_reuse"
	n, err := q.RevokeSessionByID(ctx, dbq.RevokeSessionByIDParams{SessionID: sid, Reason: &reason})
	if err != nil {
		return false, apperr.Internal(err, "revoke session")
	}
	err = audit.RecordAs(ctx, q, "anonymous", nil, audit.Entry{
		Action: "refresh_token_reused", ResourceType: "admin_session", ResourceID: sid.String(),
		Details: map[string]any{"session_revoked": n > 0},
	})
	return true, err
}

// Logout revokes the calling session.
func (s *Service) Logout(ctx context.Context) error {
	p := principal.From(ctx)
	return s.store.InTx(ctx, func(q *dbq.Queries) error {
		reason := "logout"
		if _, err := q.RevokeSession(ctx, dbq.RevokeSessionParams{SessionID: p.SessionID, UserID: p.UserID, Reason: &reason}); err != nil {
			return apperr.Internal(err, "revoke session")
		}
		return audit.Record(ctx, q, audit.Entry{
			Action: "logout", ResourceType: "admin_user", ResourceID: p.UserID.String(),
			Details: map[string]any{"session_id": p.SessionID.String()},
		})
	})
}

// ListSessions returns the caller's live sessions, newest first.
func (s *Service) ListSessions(ctx context.Context) ([]api.Session, error) {
	p := principal.From(ctx)
	rows, err := s.store.Q.ListLiveSessions(ctx, p.UserID)
	if err != nil {
		return nil, apperr.Internal(err, "list sessions")
	}
	out := make([]api.Session, 0, len(rows))
	for _, r := range rows {
		out = append(out, api.Session{
			SessionId:       openapi_types.UUID(r.SessionID),
			CreatedAt:       r.CreatedAt,
			ExpiresAt:       r.ExpiresAt,
			LastRefreshedAt: r.LastRefreshedAt,
			IpAddress:       r.IpAddress,
			UserAgent:       r.UserAgent,
			Current:         r.SessionID == p.SessionID,
		})
	}
	return out, nil
}

// RevokeSession revokes one of the caller's own sessions (the current one
// included: that is a logout).
func (s *Service) RevokeSession(ctx context.Context, sessionID uuid.UUID) error {
	p := principal.From(ctx)
	return s.store.InTx(ctx, func(q *dbq.Queries) error {
		reason := "revoked_by_user"
		n, err := q.RevokeSession(ctx, dbq.RevokeSessionParams{SessionID: sessionID, UserID: p.UserID, Reason: &reason})
		if err != nil {
			return apperr.Internal(err, "revoke session")
		}
		if n == 0 {
			return errSessionUnknown
		}
		return audit.Record(ctx, q, audit.Entry{
			Action: "revoked_session", ResourceType: "admin_session", ResourceID: sessionID.String(),
		})
	})
}

// RevokeOtherSessions signs the caller out everywhere but here.
func (s *Service) RevokeOtherSessions(ctx context.Context) (int64, error) {
	p := principal.From(ctx)
	var n int64
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		reason := "revoked_others_by_user"
		var err error
		n, err = q.RevokeUserSessionsExcept(ctx, dbq.RevokeUserSessionsExceptParams{UserID: p.UserID, KeepSessionID: p.SessionID, Reason: &reason})
		if err != nil {
			return apperr.Internal(err, "revoke sessions")
		}
		return audit.Record(ctx, q, audit.Entry{
			Action: "revoked_other_sessions", ResourceType: "admin_user", ResourceID: p.UserID.String(),
			Details: map[string]any{"revoked": n},
		})
	})
	return n, err
}

// ChangePassword replaces the caller's password and revokes their other
// sessions; the current one stays signed in. The current-password check is
// throttled like a login, and concurrent changes take turns on the user row,
// each checking the current password as it is then.
func (s *Service) ChangePassword(ctx context.Context, req api.ChangePasswordRequest) error {
	p := principal.From(ctx)
	if req.NewPassword == req.CurrentPassword {
		return apperr.Invalid("New password must differ from the current one")
	}
	if err := auth.CheckNewPassword(req.NewPassword); err != nil {
		return err
	}
	attempt, err := s.startAttempt(ctx, p.Email)
	if err != nil {
		return err
	}
	outcome := "failed"
	defer func() { attempt.finish(ctx, outcome) }()

	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		user, err := q.GetAdminUserForUpdate(ctx, p.UserID)
		if err != nil {
			return apperr.Internal(err, "lock user")
		}
		if _, err := q.LockLiveSession(ctx, p.SessionID); store.IsNoRows(err) {
			return errSessionGone
		} else if err != nil {
			return apperr.Internal(err, "lock session")
		}
		if !auth.VerifyPassword(user.PasswordHash, req.CurrentPassword) {
			return errWrongCurrentPassword
		}
		hash, err := auth.HashPassword(req.NewPassword)
		if err != nil {
			return err
		}
		if err := q.SetAdminUserPassword(ctx, dbq.SetAdminUserPasswordParams{UserID: p.UserID, PasswordHash: hash}); err != nil {
			return apperr.Internal(err, "set password")
		}
		reason := "password_changed"
		n, err := q.RevokeUserSessionsExcept(ctx, dbq.RevokeUserSessionsExceptParams{UserID: p.UserID, KeepSessionID: p.SessionID, Reason: &reason})
		if err != nil {
			return apperr.Internal(err, "revoke sessions")
		}
		return audit.Record(ctx, q, audit.Entry{
			Action: "changed_password", ResourceType: "admin_user", ResourceID: p.UserID.String(),
			Details: map[string]any{"other_sessions_revoked": n},
		})
	})
	switch {
	case err == nil:
		outcome = "succeeded"
	case errors.Is(err, errWrongCurrentPassword):
		if aerr := s.store.InTx(ctx, func(q *dbq.Queries) error {
			return audit.Record(ctx, q, audit.Entry{
				Action: "change_password_failed", ResourceType: "admin_user", ResourceID: p.UserID.String(),
			})
		}); aerr != nil {
			return apperr.Internal(aerr, "audit failed password change")
		}
	}
	return err
}
