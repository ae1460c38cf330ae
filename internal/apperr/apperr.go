// Package apperr defines the domain errors that services return. The HTTP
// layer maps each Kind to one status code in one place (internal/httpapi);
// services never think about HTTP.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the client.
type Kind int

const (
	// KindInternal is a server fault; its message is never shown to clients.
	KindInternal Kind = iota
	// KindInvalid is a broken business rule or a duplicate (400).
	KindInvalid
	// KindUnauthenticated means missing or bad credentials (401).
	KindUnauthenticated
	// KindForbidden means valid credentials without the right (403).
	KindForbidden
	// KindNotFound is an unknown id (404).
	KindNotFound
	// KindValidation is input that does not match the schema (422).
	KindValidation
	// KindTooMany means the caller must slow down (429).
	KindTooMany
)

// Error is a domain error with a client-safe message.
type Error struct {
	Kind Kind
	// Detail is shown to the client as-is.
	Detail string
	// RetryAfterSeconds is set on KindTooMany errors.
	RetryAfterSeconds int
	// Cause is logged, never shown.
	Cause error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %v", e.Detail, e.Cause)
	}
	return e.Detail
}

func (e *Error) Unwrap() error { return e.Cause }

// Invalid is a 400: a duplicate or a broken rule.
func Invalid(format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Detail: fmt.Sprintf(format, args...)}
}

// Unauthenticated is a 401.
func Unauthenticated(detail string) *Error {
	return &Error{Kind: KindUnauthenticated, Detail: detail}
}

// Forbidden is a 403.
func Forbidden(format string, args ...any) *Error {
	return &Error{Kind: KindForbidden, Detail: fmt.Sprintf(format, args...)}
}

// NotFound is a 404.
func NotFound(format string, args ...any) *Error {
	return &Error{Kind: KindNotFound, Detail: fmt.Sprintf(format, args...)}
}

// Validation is a 422.
func Validation(format string, args ...any) *Error {
	return &Error{Kind: KindValidation, Detail: fmt.Sprintf(format, args...)}
}

// TooMany is a 429 with a Retry-After hint.
func TooMany(retryAfterSeconds int, detail string) *Error {
	return &Error{Kind: KindTooMany, Detail: detail, RetryAfterSeconds: retryAfterSeconds}
}

// Internal wraps an unexpected failure; the client sees a generic message.
func Internal(cause error, what string) *Error {
	return &Error{Kind: KindInternal, Detail: "Internal server error", Cause: fmt.Errorf("%s: %w", what, cause)}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsKind reports whether err is a domain error of kind k.
func IsKind(err error, k Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == k
}
