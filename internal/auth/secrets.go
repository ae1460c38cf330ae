package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
)

// SHA256 hashes a secret for storage and lookup.
func SHA256(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// RandomToken returns prefix followed by n random bytes, base64url-encoded.
func RandomToken(prefix string, n int) string {
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		// crypto/rand does not fail on supported platforms; if it ever does,
		// issuing a weak secret would be worse than stopping.
		panic(err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(buf)
}

// TeamKeyPrefixLen is how much of a team key is kept for display.
const TeamKeyPrefixLen = 10

// NewTeamKey returns a fresh team virtual key: "sk-" and 32 random bytes.
func NewTeamKey() (key, displayPrefix string) {
	key = RandomToken("sk-", 32)
	return key, key[:TeamKeyPrefixLen]
}

// MaskKey renders a stored display prefix for responses.
func MaskKey(displayPrefix string) string {
	return displayPrefix + "…"
}

// NewRefreshToken returns a fresh opaque refresh token for the dashboard cookie.
func NewRefreshToken() string {
	return RandomToken("rt_", 32)
}

// EqualSecret compares two secrets in constant time, whatever their lengths.
func EqualSecret(got, want string) bool {
	g := sha256.Sum256([]byte(got))
	w := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}
