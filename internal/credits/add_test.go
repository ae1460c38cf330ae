package credits_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/principal"
)

func ptr[T any](v T) *T { return &v }

func TestAddWritesLedgerBalanceAndAudit(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1", 100)

	first, err := e.credits.Add(e.ctx, "t1", api.AddCreditsRequest{Credits: 50, Reason: ptr("Monthly top-up")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx := first.Transaction
	if first.CreditsAdded != 50 || first.CreditsRemaining != 150 || tx.CreditsBefore != 100 || tx.CreditsAfter != 150 ||
		tx.CreditsAmount != 50 || tx.TransactionType != api.TransactionType("allocation") || tx.Actor != "master_key" ||
		tx.OrganizationId != "org" || *tx.Reason != "Monthly top-up" {
		t.Errorf("first add = %+v", first)
	}

	// A user's add names the user as the actor; no reason takes the default.
	userID := uuid.New()
	if _, err := e.pool.Exec(e.ctx, `INSERT INTO admin_users (user_id, email, display_name, password_hash, role)
		VALUES ($1, 'o@example.com', 'O', 'x', 'owner')`, userID); err != nil {
		t.Fatal(err)
	}
	asUser := principal.With(context.Background(), principal.Principal{Kind: principal.User, UserID: userID, Role: principal.RoleOwner})
	second, err := e.credits.Add(asUser, "t1", api.AddCreditsRequest{Credits: 25}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Transaction.Actor != "user:"+userID.String() || *second.Transaction.Reason != credits.DefaultReason {
		t.Errorf("second add = %+v", second.Transaction)
	}

	b, err := e.credits.Balance(e.ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if b.CreditsAllocated != 175 || b.CreditsRemaining != 175 || b.CreditsUsed != 0 || b.OrganizationId != "org" || b.Status != "active" {
		t.Errorf("balance = %+v", b)
	}
	list, err := e.credits.Transactions(e.ctx, "t1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 3 || len(list.Transactions) != 3 || list.Transactions[0].TransactionId != second.Transaction.TransactionId ||
		list.Transactions[2].CreditsBefore != 0 || list.Transactions[2].CreditsAfter != 100 {
		t.Errorf("transactions = %+v", list)
	}
	e.checkLedger(t, "t1")
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'added_credits' AND resource_id = 't1'
		AND details ? 'transaction_id' AND details->>'credits' IS NOT NULL`); n != 2 {
		t.Errorf("added_credits audit entries = %d, want 2", n)
	}
}

func TestAddRefusals(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1", 0)
	cases := []struct {
		name string
		team string
		req  api.AddCreditsRequest
		key  *string
		want apperr.Kind
	}{
		{"unknown team", "nope", api.AddCreditsRequest{Credits: 5}, nil, apperr.KindNotFound},
		{"unknown team with key", "nope", api.AddCreditsRequest{Credits: 5}, ptr("k1"), apperr.KindNotFound},
		{"zero", "t1", api.AddCreditsRequest{Credits: 0}, nil, apperr.KindValidation},
		{"negative", "t1", api.AddCreditsRequest{Credits: -3}, nil, apperr.KindValidation},
		{"absurd", "t1", api.AddCreditsRequest{Credits: credits.MaxCredits + 1}, nil, apperr.KindValidation},
		{"empty key", "t1", api.AddCreditsRequest{Credits: 5}, ptr(""), apperr.KindValidation},
	}
	for _, c := range cases {
		_, err := e.credits.Add(e.ctx, c.team, c.req, c.key)
		if !apperr.IsKind(err, c.want) {
			t.Errorf("%s: err = %v, want kind %d", c.name, err, c.want)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM credit_transactions`); n != 0 {
		t.Errorf("refused adds wrote %d ledger entries", n)
	}
	if _, err := e.credits.Add(e.ctx, "nope", api.AddCreditsRequest{Credits: 5}, nil); err == nil ||
		err.Error() != "Team 'nope' not found" {
		t.Errorf("unknown team detail = %v", err)
	}
}

func TestReadsAndCheck(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1", 10)
	for range 3 {
		if _, err := e.credits.Add(e.ctx, "t1", api.AddCreditsRequest{Credits: 1}, nil); err != nil {
			t.Fatal(err)
		}
	}
	page, err := e.credits.Transactions(e.ctx, "t1", ptr(2))
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 4 || len(page.Transactions) != 2 || page.Transactions[0].CreditsAfter != 13 {
		t.Errorf("page = %+v", page)
	}
	for _, bad := range []int{0, credits.MaxTransactionLimit + 1} {
		if _, err := e.credits.Transactions(e.ctx, "t1", &bad); !apperr.IsKind(err, apperr.KindValidation) {
			t.Errorf("limit %d: err = %v", bad, err)
		}
	}

	checks := []struct {
		team   string
		needed *int64
		has    bool
		want   apperr.Kind
	}{
		{"t1", nil, true, -1},
		{"t1", ptr[int64](13), true, -1},
		{"t1", ptr[int64](14), false, -1},
		{"t1", ptr[int64](0), false, apperr.KindValidation},
		{"nope", nil, false, apperr.KindNotFound},
	}
	for _, c := range checks {
		got, err := e.credits.Check(e.ctx, c.team, c.needed)
		if c.want >= 0 {
			if !apperr.IsKind(err, c.want) {
				t.Errorf("check %s %v: err = %v, want kind %d", c.team, c.needed, err, c.want)
			}
			continue
		}
		if err != nil || got.HasCredits != c.has || got.CreditsRemaining != 13 {
			t.Errorf("check %s %v = %+v, %v", c.team, c.needed, got, err)
		}
	}
	for _, read := range []func() error{
		func() error { _, err := e.credits.Balance(e.ctx, "nope"); return err },
		func() error { _, err := e.credits.Transactions(e.ctx, "nope", nil); return err },
	} {
		if err := read(); !apperr.IsKind(err, apperr.KindNotFound) {
			t.Errorf("unknown team read: err = %v", err)
		}
	}
}
