// Package teams manages teams: creation with their balance row, first key
// and initial allocation; model-group assignment; suspension; key rotation;
// and the authentication of team virtual keys.
package teams

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/metadata"
	"github.com/saaslite/controlplane/internal/store"
)

// Service implements the team operations.
type Service struct {
	store *store.Store
}

// New returns the service.
func New(st *store.Store) *Service {
	return &Service{store: st}
}

// List returns every team, newest first.
func (s *Service) List(ctx context.Context) ([]api.Team, error) {
	return load(ctx, s.store.Q, dbq.ListTeamRowsParams{})
}

// ListByOrganization returns the teams of one organization, newest first.
func (s *Service) ListByOrganization(ctx context.Context, orgID string) ([]api.Team, error) {
	return load(ctx, s.store.Q, dbq.ListTeamRowsParams{OrganizationID: &orgID})
}

// Get returns one team, its key masked.
func (s *Service) Get(ctx context.Context, teamID string) (api.Team, error) {
	return get(ctx, s.store.Q, teamID)
}

func get(ctx context.Context, q *dbq.Queries, teamID string) (api.Team, error) {
	list, err := load(ctx, q, dbq.ListTeamRowsParams{TeamID: &teamID})
	if err != nil {
		return api.Team{}, err
	}
	if len(list) == 0 {
		return api.Team{}, credits.TeamNotFound(teamID)
	}
	return list[0], nil
}

// load reads teams with their balance, groups and allowed models: three
// queries whatever the number of teams.
func load(ctx context.Context, q *dbq.Queries, filter dbq.ListTeamRowsParams) ([]api.Team, error) {
	rows, err := q.ListTeamRows(ctx, filter)
	if err != nil {
		return nil, apperr.Internal(err, "list teams")
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.TeamID)
	}
	access, err := loadAccess(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make([]api.Team, 0, len(rows))
	for _, r := range rows {
		a := access.of(r.TeamID)
		balance := api.CreditBalance{
			TeamId: r.TeamID, OrganizationId: r.OrganizationID, Status: api.TeamStatus(r.Status),
			CreditsAllocated: r.CreditsAllocated, CreditsUsed: r.CreditsUsed,
			CreditsRemaining: r.CreditsRemaining, UpdatedAt: r.CreditsUpdatedAt,
		}
		out = append(out, api.Team{
			TeamId: r.TeamID, OrganizationId: r.OrganizationID, TeamAlias: r.TeamAlias,
			Status: api.TeamStatus(r.Status), ModelGroups: a.groups, AllowedModels: a.models,
			CreditsAllocated: r.CreditsAllocated, CreditsUsed: r.CreditsUsed,
			CreditsRemaining: r.CreditsRemaining, Credits: balance,
			VirtualKey: auth.MaskKey(r.KeyPrefix), KeyPrefix: r.KeyPrefix,
			Metadata: metadata.Decode(r.Metadata), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		})
	}
	return out, nil
}

// teamAccess is what a team may use: its group names and their models.
type teamAccess struct{ groups, models []string }

type accessByTeam map[string]*teamAccess

func (m accessByTeam) of(teamID string) teamAccess {
	a := teamAccess{groups: []string{}, models: []string{}}
	if got := m[teamID]; got != nil {
		a.groups = append(a.groups, got.groups...)
		a.models = append(a.models, got.models...)
	}
	return a
}

func (m accessByTeam) entry(teamID string) *teamAccess {
	if m[teamID] == nil {
		m[teamID] = &teamAccess{}
	}
	return m[teamID]
}

// loadAccess reads the groups (by name) and allowed models (each once, by
// best priority, then name) of the teams.
func loadAccess(ctx context.Context, q *dbq.Queries, teamIDs []string) (accessByTeam, error) {
	out := accessByTeam{}
	if len(teamIDs) == 0 {
		return out, nil
	}
	groups, err := q.ListTeamGroupNames(ctx, teamIDs)
	if err != nil {
		return nil, apperr.Internal(err, "list team model groups")
	}
	for _, g := range groups {
		e := out.entry(g.TeamID)
		e.groups = append(e.groups, g.GroupName)
	}
	models, err := q.ListTeamAllowedModels(ctx, teamIDs)
	if err != nil {
		return nil, apperr.Internal(err, "list allowed models")
	}
	for _, m := range models {
		e := out.entry(m.TeamID)
		e.models = append(e.models, m.ModelName)
	}
	return out, nil
}
