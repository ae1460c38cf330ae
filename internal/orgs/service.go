// Package orgs manages organizations, the tenants that own teams, and
// reports their credit usage from the ledger.
package orgs

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/metadata"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/teams"
)

// Service implements the organization operations.
type Service struct {
	store *store.Store
	teams *teams.Service
}

// New returns the service; it lists an organization's teams through ts.
func New(st *store.Store, ts *teams.Service) *Service {
	return &Service{store: st, teams: ts}
}

func notFound(id string) error {
	return apperr.NotFound("Organization '%s' not found", id)
}

// List returns the active organizations, newest first.
func (s *Service) List(ctx context.Context) ([]api.Organization, error) {
	rows, err := s.store.Q.ListActiveOrganizations(ctx)
	if err != nil {
		return nil, apperr.Internal(err, "list organizations")
	}
	out := make([]api.Organization, 0, len(rows))
	for _, o := range rows {
		out = append(out, toAPI(o))
	}
	return out, nil
}

// Create adds an organization; a taken id is a 400.
func (s *Service) Create(ctx context.Context, req api.OrganizationCreate) (api.Organization, error) {
	meta, err := metadata.Encode(req.Metadata)
	if err != nil {
		return api.Organization{}, err
	}
	var created dbq.Organization
	err = s.store.InTx(ctx, func(q *dbq.Queries) error {
		var err error
		created, err = q.InsertOrganization(ctx, dbq.InsertOrganizationParams{
			OrganizationID: req.OrganizationId, Name: req.Name, Metadata: meta,
		})
		if store.IsNoRows(err) {
			return apperr.Invalid("Organization with ID '%s' already exists", req.OrganizationId)
		}
		if err != nil {
			return apperr.Internal(err, "insert organization")
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "created_organization", ResourceType: "organization", ResourceID: created.OrganizationID,
			Details: map[string]any{"name": created.Name},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		return nil
	})
	if err != nil {
		return api.Organization{}, err
	}
	return toAPI(created), nil
}

// Get returns one organization, whatever its status.
func (s *Service) Get(ctx context.Context, id string) (api.Organization, error) {
	o, err := s.store.Q.GetOrganization(ctx, id)
	if store.IsNoRows(err) {
		return api.Organization{}, notFound(id)
	}
	if err != nil {
		return api.Organization{}, apperr.Internal(err, "get organization")
	}
	return toAPI(o), nil
}

// Teams lists the organization's teams with their groups and balances.
func (s *Service) Teams(ctx context.Context, id string) (api.OrganizationTeams, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return api.OrganizationTeams{}, err
	}
	list, err := s.teams.ListByOrganization(ctx, id)
	if err != nil {
		return api.OrganizationTeams{}, err
	}
	out := api.OrganizationTeams{OrganizationId: id, TeamCount: len(list), Teams: make([]api.OrganizationTeam, 0, len(list))}
	for _, t := range list {
		out.Teams = append(out.Teams, api.OrganizationTeam{
			TeamId: t.TeamId, TeamAlias: t.TeamAlias, Status: t.Status, ModelGroups: t.ModelGroups,
			CreditsAllocated: t.CreditsAllocated, CreditsUsed: t.CreditsUsed, CreditsRemaining: t.CreditsRemaining,
		})
	}
	return out, nil
}

func toAPI(o dbq.Organization) api.Organization {
	return api.Organization{
		OrganizationId: o.OrganizationID, Name: o.Name, Status: api.OrganizationStatus(o.Status),
		Metadata: metadata.Decode(o.Metadata), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}
