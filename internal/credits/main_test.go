package credits_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/teams"
	"github.com/saaslite/controlplane/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// env is one test's database with the services on it.
type env struct {
	pool    *pgxpool.Pool
	credits *credits.Service
	teams   *teams.Service
	ctx     context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return envOn(t, testdb.Pool(t))
}

// newWideEnv has a pool of 32 connections, so that concurrent tests really
// run that many transactions at once rather than queueing for a connection.
func newWideEnv(t *testing.T) *env {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 32
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return envOn(t, pool)
}

func envOn(t *testing.T, pool *pgxpool.Pool) *env {
	t.Helper()
	st := store.New(pool)
	ctx := principal.With(context.Background(), principal.Principal{Kind: principal.MasterKey})
	return &env{pool: pool, credits: credits.New(st), teams: teams.New(st), ctx: ctx}
}

// team creates an organization "org" (once) and a team in it with initial credits.
func (e *env) team(t *testing.T, id string, initial int64) {
	t.Helper()
	if _, err := e.pool.Exec(e.ctx, `INSERT INTO organizations (organization_id, name) VALUES ('org', 'Org') ON CONFLICT DO NOTHING`); err != nil {
		t.Fatal(err)
	}
	if _, err := e.teams.Create(e.ctx, api.TeamCreate{OrganizationId: "org", TeamId: id, CreditsAllocated: &initial}); err != nil {
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

// ledgerRow is one credit_transactions row as the invariant checks need it.
type ledgerRow struct {
	id                    string
	amount, before, after int64
}

// checkLedger asserts the ledger invariants of one team: the balance equals
// the sum of the entries, and in seq order the entries chain (each before is
// the previous after, starting from 0, ending at the balance). It returns
// the entries' ids.
func (e *env) checkLedger(t *testing.T, teamID string) map[string]int {
	t.Helper()
	rows, err := e.pool.Query(e.ctx, `SELECT transaction_id::text, credits_amount, credits_before, credits_after
		FROM credit_transactions WHERE team_id = $1 ORDER BY seq`, teamID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]int{}
	var prev, sum int64
	for rows.Next() {
		var r ledgerRow
		if err := rows.Scan(&r.id, &r.amount, &r.before, &r.after); err != nil {
			t.Fatal(err)
		}
		if r.before != prev || r.after != r.before+r.amount {
			t.Errorf("%s: broken chain at %s: before %d after %d amount %d, previous after %d", teamID, r.id, r.before, r.after, r.amount, prev)
		}
		prev = r.after
		sum += r.amount
		ids[r.id]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var balance int64
	if err := e.pool.QueryRow(e.ctx, `SELECT credits_remaining FROM team_credits WHERE team_id = $1`, teamID).Scan(&balance); err != nil {
		t.Fatal(err)
	}
	if balance != sum || balance != prev {
		t.Errorf("%s: balance %d, ledger sum %d, last after %d", teamID, balance, sum, prev)
	}
	return ids
}
