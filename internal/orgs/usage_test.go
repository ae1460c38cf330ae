package orgs_test

import (
	"testing"
	"time"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

// ledger appends an entry the way a metering service would (deductions,
// refunds and adjustments have no API here yet), keeping the balance row in
// step with it.
func (e *env) ledger(t *testing.T, team, kind string, amount int64, at time.Time) {
	t.Helper()
	e.exec(t, `WITH b AS (
		UPDATE team_credits SET
			credits_used = credits_used + CASE WHEN $3 < 0 THEN -$3 ELSE 0 END,
			credits_allocated = credits_allocated + CASE WHEN $3 > 0 THEN $3 ELSE 0 END
		WHERE team_id = $1 RETURNING team_id, credits_remaining)
	INSERT INTO credit_transactions (team_id, organization_id, transaction_type, credits_amount, credits_before, credits_after, actor, created_at)
	SELECT b.team_id, t.organization_id, $2, $3, b.credits_remaining - $3, b.credits_remaining, 'test', $4
	FROM b JOIN teams t USING (team_id)`, team, kind, amount, at)
}

func TestUsage(t *testing.T) {
	e := newEnv(t)
	e.org(t, "acme")
	e.org(t, "other")
	e.team(t, "acme", "a1", 100) // allocation now
	e.team(t, "acme", "a2", 0)
	e.team(t, "other", "o1", 50)

	now := time.Now().UTC()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	e.ledger(t, "a1", "deduction", -30, now)
	e.ledger(t, "a1", "refund", 5, now)
	e.ledger(t, "a1", "adjustment", -2, now)
	e.ledger(t, "a2", "allocation", 7, month)                   // first instant: inside
	e.ledger(t, "a2", "deduction", -4, month.Add(-time.Second)) // last month
	e.ledger(t, "o1", "deduction", -1, now)

	got, err := e.orgs.Usage(e.ctx, "acme", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]api.TeamUsage{
		"a1": {CreditsAllocated: 100, CreditsUsed: 30, CreditsRefunded: 5, CreditsAdjusted: -2, Transactions: 4, CreditsRemaining: 73},
		"a2": {CreditsAllocated: 7, Transactions: 1, CreditsRemaining: 3},
	}
	if got.Period != month.Format("2006-01") || !got.PeriodStart.Equal(month) || !got.PeriodEnd.Equal(month.AddDate(0, 1, 0)) {
		t.Errorf("period = %s [%v, %v)", got.Period, got.PeriodStart, got.PeriodEnd)
	}
	if len(got.Teams) != 2 || got.Teams["a1"] != want["a1"] || got.Teams["a2"] != want["a2"] {
		t.Errorf("teams = %+v, want %+v", got.Teams, want)
	}
	wantSummary := api.UsageSummary{
		CreditsAllocated: 107, CreditsUsed: 30, CreditsRefunded: 5, CreditsAdjusted: -2,
		Transactions: 5, CreditsRemaining: 76, TeamCount: 2,
	}
	if got.Summary != wantSummary {
		t.Errorf("summary = %+v, want %+v", got.Summary, wantSummary)
	}

	last := month.AddDate(0, -1, 0).Format("2006-01")
	prev, err := e.orgs.Usage(e.ctx, "acme", &last)
	if err != nil {
		t.Fatal(err)
	}
	if a2 := prev.Teams["a2"]; a2.CreditsUsed != 4 || a2.Transactions != 1 || a2.CreditsRemaining != 3 || prev.Teams["a1"].Transactions != 0 {
		t.Errorf("last month = %+v", prev.Teams)
	}
	if _, err := e.orgs.Usage(e.ctx, "ghost", nil); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown org: err = %v", err)
	}
	bad := "2025-13"
	if _, err := e.orgs.Usage(e.ctx, "acme", &bad); !apperr.IsKind(err, apperr.KindValidation) {
		t.Errorf("bad period: err = %v", err)
	}
}
