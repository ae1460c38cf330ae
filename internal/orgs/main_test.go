package orgs_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/orgs"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/teams"
	"github.com/saaslite/controlplane/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

type env struct {
	pool  *pgxpool.Pool
	orgs  *orgs.Service
	teams *teams.Service
	ctx   context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool := testdb.Pool(t)
	st := store.New(pool)
	ts := teams.New(st)
	return &env{
		pool: pool, orgs: orgs.New(st, ts), teams: ts,
		ctx: principal.With(context.Background(), principal.Principal{Kind: principal.MasterKey}),
	}
}

func (e *env) org(t *testing.T, id string) {
	t.Helper()
	if _, err := e.orgs.Create(e.ctx, api.OrganizationCreate{OrganizationId: id, Name: "Org " + id}); err != nil {
		t.Fatalf("create org %s: %v", id, err)
	}
}

func (e *env) team(t *testing.T, org, id string, credits int64) {
	t.Helper()
	if _, err := e.teams.Create(e.ctx, api.TeamCreate{OrganizationId: org, TeamId: id, CreditsAllocated: &credits}); err != nil {
		t.Fatalf("create team %s: %v", id, err)
	}
}

func (e *env) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := e.pool.Exec(e.ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
