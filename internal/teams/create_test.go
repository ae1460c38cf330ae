package teams_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
)

func TestCreateTeam(t *testing.T) {
	e := newEnv(t)
	created, err := e.teams.Create(e.ctx, api.TeamCreate{
		OrganizationId: "org", TeamId: "t1", TeamAlias: ptr("Team One"),
		ModelGroups: &[]string{"gpt", "claude", "gpt"}, CreditsAllocated: ptr[int64](100),
		Metadata: &api.Metadata{"tier": "gold"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Models of both groups, each once, by best priority then name.
	if !slices.Equal(created.AllowedModels, []string{"claude", "gpt-4o", "shared"}) ||
		!slices.Equal(created.ModelGroups, []string{"claude", "gpt"}) ||
		created.CreditsAllocated != 100 || created.CreditsRemaining != 100 || created.Message != "Team created successfully" {
		t.Errorf("created = %+v", created)
	}
	key := created.VirtualKey
	if !strings.HasPrefix(key, "sk-") || created.KeyPrefix != key[:auth.TeamKeyPrefixLen] {
		t.Errorf("key %q, prefix %q", key, created.KeyPrefix)
	}
	// Only the hash is stored, and nothing anywhere holds the plaintext.
	if n := e.count(t, `SELECT count(*) FROM team_keys WHERE key_hash = $1 AND key_prefix = $2`, auth.SHA256(key), created.KeyPrefix); n != 1 {
		t.Errorf("key rows by hash = %d", n)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE details::text LIKE '%' || $1 || '%'`, key); n != 0 {
		t.Errorf("audit holds the key %d times", n)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'created_team' AND resource_id = 't1'`); n != 1 {
		t.Errorf("created_team entries = %d", n)
	}
	// The initial allocation is an ordinary ledger entry.
	if n := e.count(t, `SELECT count(*) FROM credit_transactions WHERE team_id = 't1' AND transaction_type = 'allocation'
		AND credits_amount = 100 AND credits_before = 0 AND credits_after = 100 AND actor = 'master_key'`); n != 1 {
		t.Errorf("initial allocation entries = %d", n)
	}

	got, err := e.teams.Get(e.ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if got.VirtualKey != auth.MaskKey(created.KeyPrefix) || got.Status != "active" || *got.TeamAlias != "Team One" ||
		got.Metadata["tier"] != "gold" || got.Credits.CreditsRemaining != 100 || got.Credits.OrganizationId != "org" ||
		!slices.Equal(got.AllowedModels, created.AllowedModels) {
		t.Errorf("get = %+v", got)
	}

	// A team without groups or credits has empty lists and no ledger entry.
	e.create(t, "t2")
	list, err := e.teams.List(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].TeamId != "t2" || list[0].ModelGroups == nil || list[0].AllowedModels == nil || len(list[0].ModelGroups) != 0 {
		t.Errorf("list = %+v", list)
	}
	if n := e.count(t, `SELECT count(*) FROM credit_transactions WHERE team_id = 't2'`); n != 0 {
		t.Errorf("t2 ledger entries = %d", n)
	}
}

func TestCreateTeamRefusals(t *testing.T) {
	e := newEnv(t)
	e.create(t, "taken")
	cases := []struct {
		name   string
		req    api.TeamCreate
		kind   apperr.Kind
		detail string
	}{
		{"duplicate id", api.TeamCreate{OrganizationId: "org", TeamId: "taken"}, apperr.KindInvalid, "Team 'taken' already exists"},
		{"unknown organization", api.TeamCreate{OrganizationId: "ghost", TeamId: "t9"}, apperr.KindNotFound, "Organization 'ghost' not found"},
		{"unknown group", api.TeamCreate{OrganizationId: "org", TeamId: "t9", ModelGroups: &[]string{"gpt", "nope"}}, apperr.KindNotFound, "Model group 'nope' not found"},
		{"negative credits", api.TeamCreate{OrganizationId: "org", TeamId: "t9", CreditsAllocated: ptr[int64](-1)}, apperr.KindValidation, ""},
	}
	for _, c := range cases {
		_, err := e.teams.Create(e.ctx, c.req)
		if !apperr.IsKind(err, c.kind) || (c.detail != "" && err.Error() != c.detail) {
			t.Errorf("%s: err = %v, want kind %d %q", c.name, err, c.kind, c.detail)
		}
	}
	// Nothing of a refused create stays behind.
	for _, table := range []string{"teams", "team_credits", "team_keys", "team_model_groups", "credit_transactions"} {
		if n := e.count(t, `SELECT count(*) FROM `+table+` WHERE team_id = 't9'`); n != 0 {
			t.Errorf("%s has %d rows of a refused team", table, n)
		}
	}
	if _, err := e.teams.Get(e.ctx, "t9"); !apperr.IsKind(err, apperr.KindNotFound) || err.Error() != "Team 't9' not found" {
		t.Errorf("get unknown: %v", err)
	}
}
