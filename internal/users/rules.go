package users

import (
	"github.com/google/uuid"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
)

// The role rules for managing admin users, in one place.

var (
	errAdminCreatesUsersOnly = apperr.Forbidden("Admins can only create users with 'user' role")
	errAdminTargets          = apperr.Forbidden("Admins cannot modify owner or admin users")
	errAdminPromotes         = apperr.Forbidden("Admins cannot promote users to owner or admin")
	errOwnRole               = apperr.Invalid("Cannot change your own role")
	errOwnDeactivation       = apperr.Invalid("Cannot deactivate your own account")
	errLastOwner             = apperr.Invalid("Cannot demote or deactivate the last active owner")
)

func privileged(r principal.Role) bool { return r == principal.RoleOwner || r == principal.RoleAdmin }

// CheckCreate says whether actor may create a user with role.
func CheckCreate(actor principal.Principal, role principal.Role) error {
	if actor.Role == principal.RoleAdmin && privileged(role) {
		return errAdminCreatesUsersOnly
	}
	return nil
}

// Target is the user being changed, as it is before the change.
type Target struct {
	ID       uuid.UUID
	Role     principal.Role
	IsActive bool
}

// Change is what a caller asks to change; nil fields stay as they are.
type Change struct {
	Role       *principal.Role
	Deactivate bool
}

// CheckChange says whether actor may apply change to target.
// activeOwners is the number of active owners, counted under lock.
func CheckChange(actor principal.Principal, target Target, change Change, activeOwners int) error {
	self := actor.UserID == target.ID
	roleChanges := change.Role != nil && *change.Role != target.Role
	if self && roleChanges {
		return errOwnRole
	}
	if self && change.Deactivate {
		return errOwnDeactivation
	}
	if actor.Role == principal.RoleAdmin {
		if privileged(target.Role) {
			return errAdminTargets
		}
		if change.Role != nil && privileged(*change.Role) {
			return errAdminPromotes
		}
	}
	losesOwner := target.Role == principal.RoleOwner && target.IsActive &&
		(change.Deactivate || (change.Role != nil && *change.Role != principal.RoleOwner))
	if losesOwner && activeOwners <= 1 {
		return errLastOwner
	}
	return nil
}
