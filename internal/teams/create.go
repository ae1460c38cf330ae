package teams

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/metadata"
	"github.com/saaslite/controlplane/internal/store"
)

// initialReason is the ledger reason of the allocation made at creation.
const initialReason = "Initial allocation"

// Create makes a team in one transaction: the team, its balance row, its
// first key, its model groups and, when credits_allocated > 0, the initial
// allocation as an ordinary ledger entry. The plaintext key is returned here
// and nowhere else.
func (s *Service) Create(ctx context.Context, req api.TeamCreate) (api.TeamCreated, error) {
	var initial int64
	if req.CreditsAllocated != nil {
		initial = *req.CreditsAllocated
	}
	if initial < 0 || initial > credits.MaxCredits {
		return api.TeamCreated{}, apperr.Validation("credits_allocated must be between 0 and %d", credits.MaxCredits)
	}
	meta, err := metadata.Encode(req.Metadata)
	if err != nil {
		return api.TeamCreated{}, err
	}
	var names []string
	if req.ModelGroups != nil {
		names = *req.ModelGroups
	}
	var out api.TeamCreated
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		_, err := q.InsertTeam(ctx, dbq.InsertTeamParams{
			TeamID: req.TeamId, OrganizationID: req.OrganizationId, TeamAlias: req.TeamAlias, Metadata: meta,
		})
		switch {
		case store.IsNoRows(err):
			return apperr.Invalid("Team '%s' already exists", req.TeamId)
		case store.IsForeignKeyViolation(err):
			return apperr.NotFound("Organization '%s' not found", req.OrganizationId)
		case err != nil:
			return apperr.Internal(err, "insert team")
		}
		if err := q.InsertTeamCredits(ctx, req.TeamId); err != nil {
			return apperr.Internal(err, "insert team credits")
		}
		key, err := issueKey(ctx, q, req.TeamId)
		if err != nil {
			return err
		}
		groups, err := setGroups(ctx, q, req.TeamId, names)
		if err != nil {
			return err
		}
		if initial > 0 {
			reason := initialReason
			if _, err := credits.Allocate(ctx, q, req.TeamId, initial, &reason); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "created_team", ResourceType: "team", ResourceID: req.TeamId,
			Details: map[string]any{
				"organization_id": req.OrganizationId, "model_groups": groups, "credits_allocated": initial,
			},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		team, err := get(ctx, q, req.TeamId)
		if err != nil {
			return err
		}
		out = api.TeamCreated{
			TeamId: team.TeamId, OrganizationId: team.OrganizationId, TeamAlias: team.TeamAlias,
			ModelGroups: team.ModelGroups, AllowedModels: team.AllowedModels,
			CreditsAllocated: team.CreditsAllocated, CreditsRemaining: team.CreditsRemaining,
			VirtualKey: key.plaintext, KeyPrefix: key.prefix, Message: "Team created successfully",
		}
		return nil
	})
	return out, err
}
