package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/saaslite/controlplane/internal/access"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
)

// UserAuthenticator resolves an admin user's access token.
type UserAuthenticator interface {
	Authenticate(ctx context.Context, token string) (principal.Principal, error)
}

// TeamKeyAuthenticator resolves a team's virtual key. A suspended team's key
// is a Forbidden error.
type TeamKeyAuthenticator interface {
	AuthenticateTeamKey(ctx context.Context, key string) (principal.Principal, error)
}

// teamKeyPrefix marks bearer tokens that are keys rather than JWTs.
const teamKeyPrefix = "sk-"

var (
	errInvalidAdminKey = apperr.Unauthenticated("Invalid admin API key")
	errBadAuthHeader   = apperr.Unauthenticated("Invalid Authorization header format. Expected: 'Authorization: Bearer <token>'")
	errInvalidTeamKey  = apperr.Unauthenticated("Invalid API key")
)

// authenticator resolves credentials and enforces each operation's
// x-permission, before any input is looked at: an anonymous caller learns
// nothing about the body schema.
type authenticator struct {
	ops       operationTable
	masterKey string
	users     UserAuthenticator
	teams     TeamKeyAuthenticator
}

func (a *authenticator) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		op := a.ops[routeKey(c.Request().Method, c.Path())]
		if op == nil || op.Policy == access.Public {
			return next(c) // unknown routes fall through to 404/405
		}
		ctx := c.Request().Context()
		caller, err := a.resolve(ctx, c.Request(), access.JWTOnly(op.Policy))
		if err != nil {
			return err
		}
		if err := access.Check(op.Policy, caller, pathParam(c, "team_id")); err != nil {
			return err
		}
		c.SetRequest(c.Request().WithContext(principal.With(ctx, caller)))
		return next(c)
	}
}

// resolve finds the caller. Order: Authorization bearer (a JWT, the master
// key, or a team key), then X-Admin-Key. A credential that is present but
// wrong is a 401; it never falls through to the next kind.
func (a *authenticator) resolve(ctx context.Context, r *http.Request, jwtOnly bool) (principal.Principal, error) {
	if header := r.Header.Get("Authorization"); header != "" {
		token, ok := bearerToken(header)
		if !ok {
			return principal.Principal{}, errBadAuthHeader
		}
		if !strings.HasPrefix(token, teamKeyPrefix) {
			return a.users.Authenticate(ctx, token)
		}
		if jwtOnly {
			return principal.Principal{}, access.ErrNotAuthenticated
		}
		// The original dashboard sent the master key as a bearer token.
		if auth.EqualSecret(token, a.masterKey) {
			return principal.Principal{Kind: principal.MasterKey}, nil
		}
		if a.teams == nil {
			return principal.Principal{}, errInvalidTeamKey
		}
		return a.teams.AuthenticateTeamKey(ctx, token)
	}
	if key := r.Header.Get("X-Admin-Key"); key != "" {
		if jwtOnly {
			return principal.Principal{}, access.ErrNotAuthenticated
		}
		if !auth.EqualSecret(key, a.masterKey) {
			return principal.Principal{}, errInvalidAdminKey
		}
		return principal.Principal{Kind: principal.MasterKey}, nil
	}
	return principal.Principal{}, access.ErrNotAuthenticated
}

// bearerToken parses "Bearer <token>" (scheme case-insensitive).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 4096 || strings.ContainsAny(token, " \t") {
		return "", false
	}
	return token, true
}
