// Package access is the one place that decides whether a caller may run an
// operation. Operations name their policy in openapi.yaml (x-permission);
// this file says what each policy means.
package access

import (
	"fmt"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
)

// Policy is the value of an operation's x-permission.
type Policy string

const (
	Public      Policy = "public"
	Session     Policy = "session"
	ManageUsers Policy = "manage_users"
	Audit       Policy = "audit"
	Read        Policy = "read"
	Write       Policy = "write"
	TeamRead    Policy = "team_read"
)

// Known reports whether p is a policy this package defines.
func Known(p Policy) bool {
	switch p {
	case Public, Session, ManageUsers, Audit, Read, Write, TeamRead:
		return true
	}
	return false
}

// JWTOnly reports whether only an admin user's access token counts as a
// credential: the master key and team keys are not credentials there (401).
func JWTOnly(p Policy) bool {
	return p == Session || p == ManageUsers || p == Audit
}

// Errors shared by the middleware and the tests.
var (
	ErrNotAuthenticated = apperr.Unauthenticated("Not authenticated")
	errOwnerOrAdmin     = apperr.Forbidden("Insufficient permissions. Required roles: owner, admin")
	errTeamKey          = apperr.Forbidden("A team key can only read its own team's credits")
)

// Check decides whether caller may run an operation guarded by policy.
// teamID is the operation's {team_id} path parameter, if it has one.
func Check(policy Policy, caller principal.Principal, teamID string) error {
	if policy == Public {
		return nil
	}
	if caller.Kind == principal.Anonymous {
		return ErrNotAuthenticated
	}
	if JWTOnly(policy) && caller.Kind != principal.User {
		return ErrNotAuthenticated
	}
	switch policy {
	case Session:
		return nil
	case ManageUsers, Audit:
		return ownerOrAdmin(caller)
	case Read:
		if caller.Kind == principal.TeamKey {
			return errTeamKey
		}
		return nil
	case Write:
		switch caller.Kind {
		case principal.MasterKey:
			return nil
		case principal.User:
			return ownerOrAdmin(caller)
		}
		return errTeamKey
	case TeamRead:
		if caller.Kind == principal.TeamKey && caller.TeamID != teamID {
			return apperr.Forbidden("This key belongs to another team")
		}
		return nil
	}
	return apperr.Internal(fmt.Errorf("unknown policy %q", policy), "access check")
}

func ownerOrAdmin(caller principal.Principal) error {
	if caller.Role == principal.RoleOwner || caller.Role == principal.RoleAdmin {
		return nil
	}
	return errOwnerOrAdmin
}
