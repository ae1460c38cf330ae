package users

import (
	"testing"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
)

func rolePtr(r principal.Role) *principal.Role { return &r }

func TestCheckCreate(t *testing.T) {
	cases := []struct {
		actor, role principal.Role
		want        apperr.Kind
		ok          bool
	}{
		{principal.RoleOwner, principal.RoleOwner, 0, true},
		{principal.RoleOwner, principal.RoleAdmin, 0, true},
		{principal.RoleOwner, principal.RoleUser, 0, true},
		{principal.RoleAdmin, principal.RoleUser, 0, true},
		{principal.RoleAdmin, principal.RoleAdmin, apperr.KindForbidden, false},
		{principal.RoleAdmin, principal.RoleOwner, apperr.KindForbidden, false},
	}
	for _, c := range cases {
		err := CheckCreate(principal.Principal{Kind: principal.User, Role: c.actor}, c.role)
		if (err == nil) != c.ok || (err != nil && !apperr.IsKind(err, c.want)) {
			t.Errorf("%s creates %s: err = %v", c.actor, c.role, err)
		}
	}
}

func TestCheckChange(t *testing.T) {
	me := uuid.New()
	other := uuid.New()
	owner := principal.Principal{Kind: principal.User, UserID: me, Role: principal.RoleOwner}
	admin := principal.Principal{Kind: principal.User, UserID: me, Role: principal.RoleAdmin}
	tgt := func(id uuid.UUID, r principal.Role) Target { return Target{ID: id, Role: r, IsActive: true} }

	const ok = apperr.Kind(-1)
	cases := []struct {
		name   string
		actor  principal.Principal
		target Target
		change Change
		owners int
		want   apperr.Kind
	}{
		{"owner renames self", owner, tgt(me, principal.RoleOwner), Change{}, 1, ok},
		{"owner keeps own role", owner, tgt(me, principal.RoleOwner), Change{Role: rolePtr(principal.RoleOwner)}, 1, ok},
		{"owner demotes self", owner, tgt(me, principal.RoleOwner), Change{Role: rolePtr(principal.RoleAdmin)}, 2, apperr.KindInvalid},
		{"owner deactivates self", owner, tgt(me, principal.RoleOwner), Change{Deactivate: true}, 2, apperr.KindInvalid},
		{"owner demotes other owner", owner, tgt(other, principal.RoleOwner), Change{Role: rolePtr(principal.RoleUser)}, 2, ok},
		{"owner demotes last owner", owner, tgt(other, principal.RoleOwner), Change{Role: rolePtr(principal.RoleUser)}, 1, apperr.KindInvalid},
		{"owner deactivates last owner", owner, tgt(other, principal.RoleOwner), Change{Deactivate: true}, 1, apperr.KindInvalid},
		{"owner deactivates admin", owner, tgt(other, principal.RoleAdmin), Change{Deactivate: true}, 1, ok},
		{"owner promotes user to owner", owner, tgt(other, principal.RoleUser), Change{Role: rolePtr(principal.RoleOwner)}, 1, ok},
		{"admin renames user", admin, tgt(other, principal.RoleUser), Change{}, 1, ok},
		{"admin deactivates user", admin, tgt(other, principal.RoleUser), Change{Deactivate: true}, 1, ok},
		{"admin modifies admin", admin, tgt(other, principal.RoleAdmin), Change{}, 1, apperr.KindForbidden},
		{"admin modifies owner", admin, tgt(other, principal.RoleOwner), Change{}, 2, apperr.KindForbidden},
		{"admin deactivates owner", admin, tgt(other, principal.RoleOwner), Change{Deactivate: true}, 2, apperr.KindForbidden},
		{"admin promotes to admin", admin, tgt(other, principal.RoleUser), Change{Role: rolePtr(principal.RoleAdmin)}, 1, apperr.KindForbidden},
		{"admin promotes to owner", admin, tgt(other, principal.RoleUser), Change{Role: rolePtr(principal.RoleOwner)}, 1, apperr.KindForbidden},
		{"admin changes own role", admin, tgt(me, principal.RoleAdmin), Change{Role: rolePtr(principal.RoleUser)}, 1, apperr.KindInvalid},
		{"admin deactivates self", admin, tgt(me, principal.RoleAdmin), Change{Deactivate: true}, 1, apperr.KindInvalid},
		{"inactive owner may be demoted", owner, Target{ID: other, Role: principal.RoleOwner}, Change{Role: rolePtr(principal.RoleUser)}, 1, ok},
	}
	for _, c := range cases {
		err := CheckChange(c.actor, c.target, c.change, c.owners)
		if c.want == ok {
			if err != nil {
				t.Errorf("%s: err = %v, want ok", c.name, err)
			}
			continue
		}
		if !apperr.IsKind(err, c.want) {
			t.Errorf("%s: err = %v, want kind %d", c.name, err, c.want)
		}
	}
}
