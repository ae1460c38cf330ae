// Package auth holds the credential primitives: password hashing, access
// tokens, opaque secrets and their hashes. It knows nothing of HTTP or SQL.
package auth

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/saaslite/controlplane/internal/apperr"
)

const (
	// MinPasswordChars is the shortest password accepted.
	MinPasswordChars = 8
	// MaxPasswordBytes is bcrypt's input limit; longer passwords are refused
	// rather than silently truncated.
	MaxPasswordBytes = 72
)

// BcryptCost is the work factor of new hashes. Tests may lower it.
var BcryptCost = 12

// CheckNewPassword enforces the password rules on a password being set.
func CheckNewPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordChars {
		return apperr.Validation("password must be at least %d characters", MinPasswordChars)
	}
	if len(pw) > MaxPasswordBytes {
		return apperr.Validation("password must be at most %d bytes", MaxPasswordBytes)
	}
	return nil
}

// HashPassword checks the rules and returns a bcrypt hash.
func HashPassword(pw string) (string, error) {
	if err := CheckNewPassword(pw); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), BcryptCost)
	if err != nil {
		return "", apperr.Internal(err, "bcrypt")
	}
	return string(h), nil
}

// VerifyPassword reports whether pw matches hash. A password over bcrypt's
// limit never matches (it could not have been set).
func VerifyPassword(hash, pw string) bool {
	if len(pw) > MaxPasswordBytes {
		// Still spend the time so the answer does not leak the length rule.
		_ = bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw[:MaxPasswordBytes]))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// dummyHash is compared against when the email is unknown, so that a login
// for a missing user costs the same bcrypt time as one for a real user. It is
// made on first use, at the cost in force then.
var dummyHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte("timing-equaliser-not-a-password"), BcryptCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// BurnPasswordCheck spends one bcrypt comparison at the current cost.
func BurnPasswordCheck(pw string) {
	VerifyPassword(dummyHash(), pw)
}
