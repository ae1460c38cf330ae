package app

import (
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/httpapi"
	"github.com/saaslite/controlplane/internal/modelgroups"
	"github.com/saaslite/controlplane/internal/orgs"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/teams"
)

// wireManagement connects the management-plane services (organizations,
// teams and team keys, model groups, credits) and registers their periodic
// clean-ups in a.housekeepers.
func wireManagement(a *App, d *httpapi.Deps, st *store.Store) {
	ts := teams.New(st)
	cs := credits.New(st)
	d.Management = httpapi.Management{
		OrgService:        orgs.New(st, ts),
		TeamService:       ts,
		ModelGroupService: modelgroups.New(st),
		CreditService:     cs,
	}
	d.Teams = ts
	a.housekeepers = append(a.housekeepers, cs.Housekeep)
}
