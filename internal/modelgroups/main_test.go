package modelgroups_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/modelgroups"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/teams"
	"github.com/saaslite/controlplane/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

type env struct {
	pool   *pgxpool.Pool
	groups *modelgroups.Service
	teams  *teams.Service
	ctx    context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool := testdb.Pool(t)
	st := store.New(pool)
	e := &env{
		pool: pool, groups: modelgroups.New(st), teams: teams.New(st),
		ctx: principal.With(context.Background(), principal.Principal{Kind: principal.MasterKey}),
	}
	if _, err := pool.Exec(e.ctx, `INSERT INTO organizations (organization_id, name) VALUES ('org', 'Org')`); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) group(t *testing.T, name string, models ...api.ModelEntry) api.ModelGroup {
	t.Helper()
	g, err := e.groups.Create(e.ctx, api.ModelGroupCreate{GroupName: name, Models: models})
	if err != nil {
		t.Fatalf("create group %s: %v", name, err)
	}
	return g
}

func (e *env) team(t *testing.T, id string, groups ...string) {
	t.Helper()
	if _, err := e.teams.Create(e.ctx, api.TeamCreate{OrganizationId: "org", TeamId: id, ModelGroups: &groups}); err != nil {
		t.Fatalf("create team %s: %v", id, err)
	}
}

func (e *env) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := e.pool.QueryRow(e.ctx, sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func ptr[T any](v T) *T { return &v }

func entry(name string, priority int) api.ModelEntry {
	return api.ModelEntry{ModelName: name, Priority: &priority}
}
