package teams

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/modelgroups"
)

// AssignModelGroups replaces the team's model groups with names (duplicates
// count once).
func (s *Service) AssignModelGroups(ctx context.Context, teamID string, names []string) (api.TeamModelGroups, error) {
	var out api.TeamModelGroups
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		if _, err := lockTeam(ctx, q, teamID); err != nil {
			return err
		}
		groups, err := setGroups(ctx, q, teamID, names)
		if err != nil {
			return err
		}
		if err := q.TouchTeam(ctx, teamID); err != nil {
			return apperr.Internal(err, "touch team")
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "assigned_model_groups", ResourceType: "team", ResourceID: teamID,
			Details: map[string]any{"model_groups": groups},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		access, err := loadAccess(ctx, q, []string{teamID})
		if err != nil {
			return err
		}
		a := access.of(teamID)
		out = api.TeamModelGroups{
			TeamId: teamID, ModelGroups: a.groups, AllowedModels: a.models,
			Message: "Model groups assigned successfully",
		}
		return nil
	})
	return out, err
}

// setGroups makes names the team's exact set of groups, inside q, and
// returns the names sorted. Each group is locked FOR SHARE first, so a
// concurrent delete either finishes before (the name is then unknown: 404)
// or waits and then sees the assignment (and refuses).
func setGroups(ctx context.Context, q *dbq.Queries, teamID string, names []string) ([]string, error) {
	wanted := Dedupe(names)
	found, err := q.LockModelGroupsByName(ctx, wanted)
	if err != nil {
		return nil, apperr.Internal(err, "lock model groups")
	}
	// Never nil: pgx sends a nil slice as NULL, and "NOT (id = ANY(NULL))"
	// would then keep every old group.
	ids := make([]uuid.UUID, 0, len(found))
	sorted := make([]string, 0, len(found))
	for _, g := range found {
		ids = append(ids, g.ModelGroupID)
		sorted = append(sorted, g.GroupName)
	}
	// Sort here: the database's collation need not be byte order.
	slices.Sort(sorted)
	for _, name := range wanted {
		if _, ok := slices.BinarySearch(sorted, name); !ok {
			return nil, modelgroups.NotFound(name)
		}
	}
	if err := q.RemoveTeamModelGroupsExcept(ctx, dbq.RemoveTeamModelGroupsExceptParams{TeamID: teamID, KeepIds: ids}); err != nil {
		return nil, apperr.Internal(err, "remove model groups")
	}
	if err := q.AddTeamModelGroups(ctx, dbq.AddTeamModelGroupsParams{TeamID: teamID, ModelGroupIds: ids}); err != nil {
		return nil, apperr.Internal(err, "add model groups")
	}
	return sorted, nil
}

// Dedupe returns names without repeats, in first-seen order, never nil.
func Dedupe(names []string) []string {
	out := make([]string, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
