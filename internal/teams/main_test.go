package teams_test

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
	teams  *teams.Service
	groups *modelgroups.Service
	ctx    context.Context
}

// newEnv gives a database with organization "org" and two model groups:
// "gpt" (gpt-4o at 0, shared at 1) and "claude" (claude at 0, shared at 2).
func newEnv(t *testing.T) *env {
	t.Helper()
	pool := testdb.Pool(t)
	st := store.New(pool)
	e := &env{
		pool: pool, teams: teams.New(st), groups: modelgroups.New(st),
		ctx: principal.With(context.Background(), principal.Principal{Kind: principal.MasterKey}),
	}
	e.exec(t, `INSERT INTO organizations (organization_id, name) VALUES ('org', 'Org')`)
	e.group(t, "gpt", api.ModelEntry{ModelName: "gpt-4o"}, api.ModelEntry{ModelName: "shared", Priority: ptr(1)})
	e.group(t, "claude", api.ModelEntry{ModelName: "claude", Priority: ptr(0)}, api.ModelEntry{ModelName: "shared", Priority: ptr(2)})
	return e
}

func (e *env) group(t *testing.T, name string, models ...api.ModelEntry) {
	t.Helper()
	if _, err := e.groups.Create(e.ctx, api.ModelGroupCreate{GroupName: name, Models: models}); err != nil {
		t.Fatalf("create group %s: %v", name, err)
	}
}

// create makes a team in "org" and returns its plaintext key.
func (e *env) create(t *testing.T, id string, groups ...string) string {
	t.Helper()
	created, err := e.teams.Create(e.ctx, api.TeamCreate{OrganizationId: "org", TeamId: id, ModelGroups: &groups})
	if err != nil {
		t.Fatalf("create team %s: %v", id, err)
	}
	return created.VirtualKey
}

func (e *env) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := e.pool.Exec(e.ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
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
