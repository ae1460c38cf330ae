// Package principal carries the authenticated caller through the request's
// context.Context with a typed key.
package principal

import (
	"context"

	"github.com/google/uuid"
)

// Kind is the kind of credential a request presented.
type Kind int

const (
	// Anonymous: no credential (public endpoints only).
	Anonymous Kind = iota
	// User: an admin user's JWT with a live session.
	User
	// MasterKey: the legacy X-Admin-Key.
	MasterKey
	// TeamKey: a team's virtual key.
	TeamKey
)

// Role of an admin user.
type Role string

const (
	RoleOwner Role = "owner"
	RoleAdmin Role = "admin"
	RoleUser  Role = "user"
)

// Principal is who is calling.
type Principal struct {
	Kind Kind
	// Set for User.
	UserID    uuid.UUID
	Email     string
	Role      Role
	SessionID uuid.UUID
	// Set for TeamKey.
	TeamID string
}

// Request facts kept for the audit trail.
type Request struct {
	IP        string
	UserAgent string
	RequestID string
}

type ctxKey struct{}
type reqKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the caller; Anonymous when the request carried no credential.
func From(ctx context.Context) Principal {
	p, _ := ctx.Value(ctxKey{}).(Principal)
	return p
}

// WithRequest returns ctx carrying the request facts.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, reqKey{}, r)
}

// RequestFrom returns the request facts stored by the HTTP layer.
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(reqKey{}).(Request)
	return r
}
