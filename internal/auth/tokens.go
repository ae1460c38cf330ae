package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

const (
	tokenIssuer   = "saas-api"
	tokenAudience = "saas-admin"
	claimSession  = "sid"
	claimUserID   = "user_id"
	claimEmail    = "email"
	claimRole     = "role"
	clockSkew     = 30 * time.Second
)

// ErrBadToken covers every reason a bearer token is refused: malformed, bad
// signature, wrong algorithm, issuer or audience, expired.
var ErrBadToken = errors.New("invalid or expired token")

// Tokens issues and verifies HS256 access tokens.
type Tokens struct {
	key []byte
	now func() time.Time
}

// NewTokens returns a token service keyed with secret.
func NewTokens(secret []byte) *Tokens {
	return &Tokens{key: secret, now: time.Now}
}

// AccessClaims are the claims of an access token that the server relies on.
type AccessClaims struct {
	UserID    uuid.UUID
	SessionID uuid.UUID
	Email     string
	Role      string
}

// Issue signs an access token valid until expiresAt.
func (t *Tokens) Issue(c AccessClaims, expiresAt time.Time) (string, error) {
	now := t.now()
	tok, err := jwt.NewBuilder().
		Issuer(tokenIssuer).
		Audience([]string{tokenAudience}).
		Subject(c.UserID.String()).
		JwtID(uuid.NewString()).
		IssuedAt(now).
		NotBefore(now.Add(-clockSkew)).
		Expiration(expiresAt).
		Claim(claimSession, c.SessionID.String()).
		Claim(claimUserID, c.UserID.String()).
		Claim(claimEmail, c.Email).
		Claim(claimRole, c.Role).
		Build()
	if err != nil {
		return "", fmt.Errorf("build token: %w", err)
	}
	signed, err := jwt.Sign(tok, jwt.WithKey(jwa.HS256, t.key))
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return string(signed), nil
}

// Verify checks signature (HS256 only), issuer, audience, expiry and the
// presence of the session and subject claims.
func (t *Tokens) Verify(raw string) (AccessClaims, error) {
	if len(raw) > 4096 {
		return AccessClaims{}, ErrBadToken
	}
	tok, err := jwt.ParseString(raw,
		jwt.WithKey(jwa.HS256, t.key),
		jwt.WithValidate(true),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(tokenAudience),
		jwt.WithAcceptableSkew(clockSkew),
		jwt.WithClock(jwt.ClockFunc(t.now)),
		jwt.WithRequiredClaim(claimSession),
		jwt.WithRequiredClaim("exp"),
		jwt.WithRequiredClaim("iat"),
	)
	if err != nil {
		return AccessClaims{}, ErrBadToken
	}
	sub, err := uuid.Parse(tok.Subject())
	if err != nil {
		return AccessClaims{}, ErrBadToken
	}
	sidRaw, _ := tok.Get(claimSession)
	sidStr, _ := sidRaw.(string)
	sid, err := uuid.Parse(sidStr)
	if err != nil {
		return AccessClaims{}, ErrBadToken
	}
	c := AccessClaims{UserID: sub, SessionID: sid}
	if v, ok := tok.Get(claimEmail); ok {
		c.Email, _ = v.(string)
	}
	if v, ok := tok.Get(claimRole); ok {
		c.Role, _ = v.(string)
	}
	return c, nil
}
