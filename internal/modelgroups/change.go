package modelgroups

import (
	"context"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/store"
)

// Create adds a group with its models. display_name defaults to the name.
func (s *Service) Create(ctx context.Context, req api.ModelGroupCreate) (api.ModelGroup, error) {
	models, err := CheckModels(req.Models)
	if err != nil {
		return api.ModelGroup{}, err
	}
	display := req.GroupName
	if req.DisplayName != nil {
		display = *req.DisplayName
	}
	var out api.ModelGroup
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		g, err := q.InsertModelGroup(ctx, dbq.InsertModelGroupParams{
			GroupName: req.GroupName, DisplayName: display, Description: req.Description,
		})
		if store.IsNoRows(err) {
			return apperr.Invalid("Model group '%s' already exists", req.GroupName)
		}
		if err != nil {
			return apperr.Internal(err, "insert model group")
		}
		if err := insertModels(ctx, q, g.ModelGroupID, models); err != nil {
			return err
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "created_model_group", ResourceType: "model_group", ResourceID: g.GroupName,
			Details: map[string]any{"display_name": g.DisplayName, "models": models.Names},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		out, err = one(ctx, q, g)
		return err
	})
	return out, err
}

// ReplaceModels sets a group's models to entries.
func (s *Service) ReplaceModels(ctx context.Context, name string, entries []api.ModelEntry) (api.ModelGroup, error) {
	models, err := CheckModels(entries)
	if err != nil {
		return api.ModelGroup{}, err
	}
	var out api.ModelGroup
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		// The UPDATE locks the group, so concurrent replacements apply one
		// after the other instead of interleaving their deletes and inserts.
		g, err := q.TouchModelGroup(ctx, name)
		if store.IsNoRows(err) {
			return NotFound(name)
		}
		if err != nil {
			return apperr.Internal(err, "lock model group")
		}
		if err := q.DeleteModelGroupModels(ctx, g.ModelGroupID); err != nil {
			return apperr.Internal(err, "delete models")
		}
		if err := insertModels(ctx, q, g.ModelGroupID, models); err != nil {
			return err
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "updated_model_group_models", ResourceType: "model_group", ResourceID: g.GroupName,
			Details: map[string]any{"models": models.Names},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		out, err = one(ctx, q, g)
		return err
	})
	return out, err
}

// Delete removes a group that no team uses.
func (s *Service) Delete(ctx context.Context, name string) error {
	return s.store.InTx(ctx, func(q *dbq.Queries) error {
		// FOR UPDATE waits for assignments in flight (they hold FOR SHARE on
		// the group) and keeps new ones out, so the count stays true until
		// the delete commits.
		g, err := q.LockModelGroupForDelete(ctx, name)
		if store.IsNoRows(err) {
			return NotFound(name)
		}
		if err != nil {
			return apperr.Internal(err, "lock model group")
		}
		teams, err := q.CountModelGroupTeams(ctx, g.ModelGroupID)
		if err != nil {
			return apperr.Internal(err, "count teams")
		}
		if teams > 0 {
			return apperr.Invalid("Cannot delete model group '%s'. It is assigned to %d team(s).", name, teams)
		}
		if err := q.DeleteModelGroup(ctx, g.ModelGroupID); err != nil {
			return apperr.Internal(err, "delete model group")
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "deleted_model_group", ResourceType: "model_group", ResourceID: name,
			Details: map[string]any{"model_group_id": g.ModelGroupID.String()},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		return nil
	})
}

func insertModels(ctx context.Context, q *dbq.Queries, id uuid.UUID, m Models) error {
	if len(m.Names) == 0 {
		return nil
	}
	err := q.InsertModelGroupModels(ctx, dbq.InsertModelGroupModelsParams{
		ModelGroupID: id, ModelNames: m.Names, Priorities: m.Priorities,
	})
	if err != nil {
		return apperr.Internal(err, "insert models")
	}
	return nil
}
