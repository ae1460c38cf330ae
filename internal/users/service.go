// Package users holds the admin-user half of the control plane: first-time
// setup, login and sessions, the user directory with its role rules, and the
// audit-log reader.
package users

import (
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/metadata"
	"github.com/saaslite/controlplane/internal/store"
)

// Service implements the admin-user operations.
type Service struct {
	store  *store.Store
	tokens *auth.Tokens
	ttl    time.Duration
}

// New returns the service. ttl is the lifetime of a login session.
func New(st *store.Store, tokens *auth.Tokens, ttl time.Duration) *Service {
	return &Service{store: st, tokens: tokens, ttl: ttl}
}

// NormalizeEmail is how emails are stored and looked up.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

func toAPIUser(u dbq.AdminUser) api.AdminUser {
	out := api.AdminUser{
		UserId:      u.UserID,
		Email:       u.Email,
		DisplayName: u.DisplayName,
		Role:        api.Role(u.Role),
		IsActive:    u.IsActive,
		CreatedAt:   u.CreatedAt,
		LastLogin:   u.LastLogin,
		Metadata:    metadata.Decode(u.Metadata),
	}
	if u.CreatedBy != nil {
		id := openapi_types.UUID(*u.CreatedBy)
		out.CreatedBy = &id
	}
	return out
}
