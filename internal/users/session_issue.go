package users

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
)

// Issued is what setup, login and refresh hand back: the JSON body, and the
// refresh token for the HttpOnly cookie (never in the body).
type Issued struct {
	Result         api.LoginResult
	SessionID      uuid.UUID
	RefreshToken   string
	RefreshExpires time.Time
}

// startSession opens a session for u inside the transaction q and records the
// login time.
func (s *Service) startSession(ctx context.Context, q *dbq.Queries, u dbq.AdminUser) (Issued, error) {
	sid := uuid.New()
	expires := time.Now().Add(s.ttl).UTC().Truncate(time.Second)
	access, err := s.tokens.Issue(auth.AccessClaims{UserID: u.UserID, SessionID: sid, Email: u.Email, Role: u.Role}, expires)
	if err != nil {
		return Issued{}, apperr.Internal(err, "issue token")
	}
	refresh := auth.NewRefreshToken()
	r := principal.RequestFrom(ctx)
	if err := q.InsertSession(ctx, dbq.InsertSessionParams{
		SessionID:   sid,
		UserID:      u.UserID,
		TokenHash:   auth.SHA256(access),
		RefreshHash: auth.SHA256(refresh),
		IpAddress:   optional(r.IP),
		UserAgent:   optional(clip(r.UserAgent, 512)),
		ExpiresAt:   expires,
	}); err != nil {
		return Issued{}, apperr.Internal(err, "insert session")
	}
	u, err = q.TouchAdminUserLogin(ctx, u.UserID)
	if err != nil {
		return Issued{}, apperr.Internal(err, "touch last login")
	}
	return Issued{
		Result:         api.LoginResult{AccessToken: access, TokenType: api.Bearer, ExpiresAt: expires, User: toAPIUser(u)},
		SessionID:      sid,
		RefreshToken:   refresh,
		RefreshExpires: expires,
	}, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
