package httpapi

import (
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/modelgroups"
	"github.com/saaslite/controlplane/internal/orgs"
	"github.com/saaslite/controlplane/internal/teams"
)

// Management holds the management-plane services. The names end in Service
// so that TeamService does not collide with Deps.Teams (the key
// authenticator) through the embedding.
type Management struct {
	OrgService        *orgs.Service
	TeamService       *teams.Service
	ModelGroupService *modelgroups.Service
	CreditService     *credits.Service
}
