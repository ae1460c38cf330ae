// Package modelgroups manages model groups: named, ordered lists of models
// (priority 0 is the primary, higher numbers are fallbacks) that teams are
// given access to.
package modelgroups

import (
	"context"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/store"
)

// Service implements the model-group operations.
type Service struct {
	store *store.Store
}

// New returns the service.
func New(st *store.Store) *Service {
	return &Service{store: st}
}

// NotFound is the error for an unknown group name; team assignment uses it too.
func NotFound(name string) error {
	return apperr.NotFound("Model group '%s' not found", name)
}

// List returns every group with its models, by name.
func (s *Service) List(ctx context.Context) ([]api.ModelGroup, error) {
	groups, err := s.store.Q.ListModelGroups(ctx)
	if err != nil {
		return nil, apperr.Internal(err, "list model groups")
	}
	return withModels(ctx, s.store.Q, groups...)
}

// Get returns one group.
func (s *Service) Get(ctx context.Context, name string) (api.ModelGroup, error) {
	g, err := s.store.Q.GetModelGroupByName(ctx, name)
	if store.IsNoRows(err) {
		return api.ModelGroup{}, NotFound(name)
	}
	if err != nil {
		return api.ModelGroup{}, apperr.Internal(err, "get model group")
	}
	return one(ctx, s.store.Q, g)
}

func one(ctx context.Context, q *dbq.Queries, g dbq.ModelGroup) (api.ModelGroup, error) {
	out, err := withModels(ctx, q, g)
	if err != nil {
		return api.ModelGroup{}, err
	}
	return out[0], nil
}

// withModels renders groups with their models (by priority, then name),
// reading the models of all groups in one query.
func withModels(ctx context.Context, q *dbq.Queries, groups ...dbq.ModelGroup) ([]api.ModelGroup, error) {
	ids := make([]uuid.UUID, 0, len(groups))
	for _, g := range groups {
		ids = append(ids, g.ModelGroupID)
	}
	models, err := q.ListModelGroupModels(ctx, ids)
	if err != nil {
		return nil, apperr.Internal(err, "list models")
	}
	byGroup := map[uuid.UUID][]api.ModelGroupModel{}
	for _, m := range models {
		byGroup[m.ModelGroupID] = append(byGroup[m.ModelGroupID], api.ModelGroupModel{ModelName: m.ModelName, Priority: int(m.Priority)})
	}
	out := make([]api.ModelGroup, 0, len(groups))
	for _, g := range groups {
		list := byGroup[g.ModelGroupID]
		if list == nil {
			list = []api.ModelGroupModel{}
		}
		out = append(out, api.ModelGroup{
			ModelGroupId: openapi_types.UUID(g.ModelGroupID),
			GroupName:    g.GroupName,
			DisplayName:  g.DisplayName,
			Description:  g.Description,
			Status:       api.ModelGroupStatus(g.Status),
			Models:       list,
			CreatedAt:    g.CreatedAt,
			UpdatedAt:    g.UpdatedAt,
		})
	}
	return out, nil
}
