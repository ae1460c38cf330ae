package teams

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/store"
)

// Team statuses.
const (
	StatusActive    = "active"
	StatusSuspended = "suspended"
)

// Suspend makes the team's keys answer 403 until Resume. Suspending a
// suspended team changes nothing.
func (s *Service) Suspend(ctx context.Context, teamID string) (api.Team, error) {
	return s.setStatus(ctx, teamID, StatusSuspended, "suspended_team")
}

// Resume lets a suspended team's keys in again.
func (s *Service) Resume(ctx context.Context, teamID string) (api.Team, error) {
	return s.setStatus(ctx, teamID, StatusActive, "resumed_team")
}

func (s *Service) setStatus(ctx context.Context, teamID, status, action string) (api.Team, error) {
	var out api.Team
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		team, err := lockTeam(ctx, q, teamID)
		if err != nil {
			return err
		}
		// Only a real change is written and audited; a repeat is a no-op.
		if team.Status != status {
			if err := q.SetTeamStatus(ctx, dbq.SetTeamStatusParams{TeamID: teamID, Status: status}); err != nil {
				return apperr.Internal(err, "set team status")
			}
			if err := audit.Record(ctx, q, audit.Entry{
				Action: action, ResourceType: "team", ResourceID: teamID,
				Details: map[string]any{"from": team.Status, "to": status},
			}); err != nil {
				return apperr.Internal(err, "audit")
			}
		}
		out, err = get(ctx, q, teamID)
		return err
	})
	return out, err
}

// lockTeam loads the team and holds it against concurrent changes of its
// groups, status and keys until the transaction ends.
func lockTeam(ctx context.Context, q *dbq.Queries, teamID string) (dbq.Team, error) {
	team, err := q.LockTeam(ctx, teamID)
	if store.IsNoRows(err) {
		return dbq.Team{}, credits.TeamNotFound(teamID)
	}
	if err != nil {
		return dbq.Team{}, apperr.Internal(err, "lock team")
	}
	return team, nil
}
