package users

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/metadata"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
)

var (
	errUserNotFound = apperr.NotFound("User not found")
	errEmailTaken   = apperr.Invalid("Email already registered")
)

// List returns every admin user, newest first.
func (s *Service) List(ctx context.Context) ([]api.AdminUser, error) {
	rows, err := s.store.Q.ListAdminUsers(ctx)
	if err != nil {
		return nil, apperr.Internal(err, "list users")
	}
	out := make([]api.AdminUser, 0, len(rows))
	for _, u := range rows {
		out = append(out, toAPIUser(u))
	}
	return out, nil
}

// Create adds an admin user; admins may only create role `user`.
func (s *Service) Create(ctx context.Context, req api.AdminUserCreate) (api.AdminUser, error) {
	actor := principal.From(ctx)
	role := principal.RoleUser
	if req.Role != nil {
		role = principal.Role(*req.Role)
	}
	if err := CheckCreate(actor, role); err != nil {
		return api.AdminUser{}, err
	}
	hash, err := auth.HashPassword(req.Password)
	if err != nil {
		return api.AdminUser{}, err
	}
	meta, err := metadata.Encode(req.Metadata)
	if err != nil {
		return api.AdminUser{}, err
	}
	creator := actor.UserID
	var created dbq.AdminUser
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		created, err = q.InsertAdminUser(ctx, dbq.InsertAdminUserParams{
			Email: NormalizeEmail(string(req.Email)), DisplayName: string(req.DisplayName),
			PasswordHash: hash, Role: string(role), Metadata: meta, CreatedBy: &creator,
		})
		if store.IsNoRows(err) {
			return errEmailTaken
		}
		if err != nil {
			return apperr.Internal(err, "insert user")
		}
		return audit.Record(ctx, q, audit.Entry{
			Action: "created_user", ResourceType: "admin_user", ResourceID: created.UserID.String(),
			Details: map[string]any{"email": created.Email, "role": created.Role},
		})
	})
	if err != nil {
		return api.AdminUser{}, err
	}
	return toAPIUser(created), nil
}

// Update changes a user's name, role, active flag or metadata.
func (s *Service) Update(ctx context.Context, id uuid.UUID, req api.AdminUserUpdate) (api.AdminUser, error) {
	change := Change{Deactivate: req.IsActive != nil && !*req.IsActive}
	if req.Role != nil {
		change.Role = rolePointer(principal.Role(*req.Role))
	}
	var meta []byte
	if req.Metadata != nil {
		var err error
		if meta, err = metadata.Encode(req.Metadata); err != nil {
			return api.AdminUser{}, err
		}
	}
	var updated dbq.AdminUser
	err := s.changeUser(ctx, id, change, func(q *dbq.Queries, before dbq.AdminUser) (audit.Entry, error) {
		var err error
		params := dbq.UpdateAdminUserParams{UserID: id, IsActive: req.IsActive, Metadata: meta}
		if req.DisplayName != nil {
			name := string(*req.DisplayName)
			params.DisplayName = &name
		}
		if req.Role != nil {
			role := string(*req.Role)
			params.Role = &role
		}
		if updated, err = q.UpdateAdminUser(ctx, params); err != nil {
			return audit.Entry{}, apperr.Internal(err, "update user")
		}
		if before.IsActive && !updated.IsActive {
			if err := revokeAll(ctx, q, id, "user_deactivated"); err != nil {
				return audit.Entry{}, err
			}
		}
		return audit.Entry{Action: "updated_user", Details: changedFields(before, updated, req.Metadata != nil)}, nil
	})
	if err != nil {
		return api.AdminUser{}, err
	}
	return toAPIUser(updated), nil
}

// Deactivate is the soft delete: the user stays for the audit trail, cannot
// sign in, and loses every session at once.
func (s *Service) Deactivate(ctx context.Context, id uuid.UUID) error {
	return s.changeUser(ctx, id, Change{Deactivate: true}, func(q *dbq.Queries, before dbq.AdminUser) (audit.Entry, error) {
		inactive := false
		if _, err := q.UpdateAdminUser(ctx, dbq.UpdateAdminUserParams{UserID: id, IsActive: &inactive}); err != nil {
			return audit.Entry{}, apperr.Internal(err, "deactivate user")
		}
		if err := revokeAll(ctx, q, id, "user_deactivated"); err != nil {
			return audit.Entry{}, err
		}
		return audit.Entry{Action: "deleted_user", Details: map[string]any{"email": before.Email, "role": before.Role}}, nil
	})
}

// changeUser runs one guarded change of a user in a transaction: it locks the
// active owners (always first, in id order, so concurrent changes cannot
// deadlock) and then the target, checks the role rules against the locked
// state, applies the change and writes its audit entry.
func (s *Service) changeUser(ctx context.Context, id uuid.UUID, change Change,
	apply func(q *dbq.Queries, before dbq.AdminUser) (audit.Entry, error)) error {
	actor := principal.From(ctx)
	return s.store.InTx(ctx, func(q *dbq.Queries) error {
		owners, err := q.LockActiveOwners(ctx)
		if err != nil {
			return apperr.Internal(err, "lock owners")
		}
		before, err := q.GetAdminUserForUpdate(ctx, id)
		if store.IsNoRows(err) {
			return errUserNotFound
		}
		if err != nil {
			return apperr.Internal(err, "load user")
		}
		target := Target{ID: before.UserID, Role: principal.Role(before.Role), IsActive: before.IsActive}
		if err := CheckChange(actor, target, change, len(owners)); err != nil {
			return err
		}
		entry, err := apply(q, before)
		if err != nil {
			return err
		}
		entry.ResourceType, entry.ResourceID = "admin_user", id.String()
		return audit.Record(ctx, q, entry)
	})
}

func revokeAll(ctx context.Context, q *dbq.Queries, userID uuid.UUID, reason string) error {
	if _, err := q.RevokeAllUserSessions(ctx, dbq.RevokeAllUserSessionsParams{UserID: userID, Reason: &reason}); err != nil {
		return apperr.Internal(err, "revoke sessions")
	}
	return nil
}

// changedFields describes an update for the audit log: new values of the
// plain fields, and only the key names of metadata.
func changedFields(before, after dbq.AdminUser, metadataSet bool) map[string]any {
	d := map[string]any{}
	if before.DisplayName != after.DisplayName {
		d["display_name"] = after.DisplayName
	}
	if before.Role != after.Role {
		d["role"] = map[string]any{"from": before.Role, "to": after.Role}
	}
	if before.IsActive != after.IsActive {
		d["is_active"] = after.IsActive
	}
	if metadataSet {
		keys := make([]string, 0)
		for k := range metadata.Decode(after.Metadata) {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d["metadata_keys"] = keys
	}
	return d
}

func rolePointer(r principal.Role) *principal.Role { return &r }
