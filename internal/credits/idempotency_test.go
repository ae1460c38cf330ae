package credits_test

import (
	"encoding/json"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

func TestIdempotentRetry(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1", 0)
	e.team(t, "t2", 0)
	req := api.AddCreditsRequest{Credits: 40, Reason: ptr("retry me")}

	first, err := e.credits.Add(e.ctx, "t1", req, ptr("key-1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.credits.Add(e.ctx, "t1", req, ptr("key-1"))
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, first) != mustJSON(t, again) {
		t.Errorf("retry answered\n%s\nwant\n%s", mustJSON(t, again), mustJSON(t, first))
	}

	// The same key with another body is refused; nothing is added.
	_, err = e.credits.Add(e.ctx, "t1", api.AddCreditsRequest{Credits: 41, Reason: ptr("retry me")}, ptr("key-1"))
	if !apperr.IsKind(err, apperr.KindValidation) {
		t.Errorf("reused key: err = %v", err)
	}
	// Keys are per team.
	if _, err := e.credits.Add(e.ctx, "t2", req, ptr("key-1")); err != nil {
		t.Errorf("same key on another team: %v", err)
	}

	if n := e.count(t, `SELECT count(*) FROM credit_transactions WHERE team_id = 't1'`); n != 1 {
		t.Errorf("t1 ledger entries = %d, want 1", n)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'added_credits' AND resource_id = 't1'`); n != 1 {
		t.Errorf("t1 audit entries = %d, want 1", n)
	}
	e.checkLedger(t, "t1")
}

func TestHousekeepDeletesOnlyExpiredKeys(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1", 0)
	for _, k := range []string{"old", "fresh"} {
		if _, err := e.credits.Add(e.ctx, "t1", api.AddCreditsRequest{Credits: 1}, ptr(k)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.pool.Exec(e.ctx, `UPDATE credit_idempotency_keys SET created_at = now() - interval '25 hours'
		WHERE idempotency_key = 'old'`); err != nil {
		t.Fatal(err)
	}
	if err := e.credits.Housekeep(e.ctx); err != nil {
		t.Fatal(err)
	}
	var left []string
	rows, err := e.pool.Query(e.ctx, `SELECT idempotency_key FROM credit_idempotency_keys`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		left = append(left, k)
	}
	if len(left) != 1 || left[0] != "fresh" {
		t.Errorf("keys left = %v, want [fresh]", left)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
