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

// resolve finds the caller, in the contract's order: a bearer JWT, then
// X-Admin-Key, then a bearer key (the master key, which the original
// dashboard sent this way, or a team key). The first credential present
// decides: when it is wrong the answer is 401, never a fall-through.
func (a *authenticator) resolve(ctx context.Context, r *http.Request, jwtOnly bool) (principal.Principal, error) {
	token := ""
	if header := r.Header.Get("Authorization"); header != "" {
		var ok bool
		if token, ok = bearerToken(header); !ok {
			return principal.Principal{}, errBadAuthHeader
		}
		if !strings.HasPrefix(token, teamKeyPrefix) {
			return a.users.Authenticate(ctx, token)
		}
	}
	if jwtOnly {
		// Keys are not credentials on the admin-user endpoints.
		return principal.Principal{}, access.ErrNotAuthenticated
	}
	if key := r.Header.Get("X-Admin-Key"); key != "" {
		if !auth.EqualSecret(key, a.masterKey) {
			return principal.Principal{}, errInvalidAdminKey
		}
		return principal.Principal{Kind: principal.MasterKey}, nil
	}
	switch {
	case token == "":
		return principal.Principal{}, access.ErrNotAuthenticated
	case auth.EqualSecret(token, a.masterKey):
		return principal.Principal{Kind: principal.MasterKey}, nil
	case a.teams == nil:
		return principal.Principal{}, errInvalidTeamKey
	}
	return a.teams.AuthenticateTeamKey(ctx, token)
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
