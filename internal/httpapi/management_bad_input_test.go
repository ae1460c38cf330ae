package httpapi_test

import (
	"strings"
	"testing"

	"github.com/saaslite/controlplane/gen/client"
)

// TestManagementBadInput sends malformed requests to every management
// endpoint as the owner; each must get its exact status with a detail (the
// validating transport checks the error shape and that no request breaking
// the spec is accepted), and none may write anything.
func TestManagementBadInput(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("bi-org")
	m.group("bi-group", "bi-model")
	team := m.team("bi-org", "bi-team", 10, "bi-group")

	text := map[string]string{"Content-Type": "text/plain"}
	noType := map[string]string{"Content-Type": ""}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	withKey := func(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }
	big := strings.Repeat("x", 1<<20)
	n := func(c int) string { return strings.Repeat("n", c) }
	groups := func(c int) string { return `["` + strings.Repeat(`g",  "`, c-1) + `g"]` }
	models := func(c int) string {
		var b strings.Builder
		b.WriteString("[")
		for i := range c {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"model_name":"m` + strings.Repeat("x", i) + `"}`)
		}
		b.WriteString("]")
		return b.String()
	}

	const (
		orgs   = "/api/organizations/create"
		teams  = "/api/teams/create"
		assign = "/api/teams/bi-team/model-groups"
		rotate = "/api/teams/bi-team/rotate-key"
		mgs    = "/api/model-groups/create"
		repl   = "/api/model-groups/bi-group/models"
		add    = "/api/credits/teams/bi-team/add"
	)
	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		want                     int
	}{
		// POST /api/organizations/create
		{"org: invalid JSON", "POST", orgs, `{"organization_id":`, nil, 422},
		{"org: trailing garbage", "POST", orgs, `{"organization_id":"x","name":"X"} x`, nil, 422},
		{"org: two objects", "POST", orgs, `{"organization_id":"x","name":"X"}{}`, nil, 422},
		{"org: array", "POST", orgs, `[]`, nil, 422},
		{"org: null", "POST", orgs, `null`, nil, 422},
		{"org: empty body", "POST", orgs, ``, nil, 422},
		{"org: id not a string", "POST", orgs, `{"organization_id":1,"name":"X"}`, nil, 422},
		{"org: name not a string", "POST", orgs, `{"organization_id":"x","name":true}`, nil, 422},
		{"org: missing id", "POST", orgs, `{"name":"X"}`, nil, 422},
		{"org: missing name", "POST", orgs, `{"organization_id":"x"}`, nil, 422},
		{"org: null name", "POST", orgs, `{"organization_id":"x","name":null}`, nil, 422},
		{"org: empty id", "POST", orgs, `{"organization_id":"","name":"X"}`, nil, 422},
		{"org: empty name", "POST", orgs, `{"organization_id":"x","name":""}`, nil, 422},
		{"org: blank name", "POST", orgs, `{"organization_id":"x","name":" \t "}`, nil, 422},
		{"org: 201-char name", "POST", orgs, `{"organization_id":"x","name":"` + n(201) + `"}`, nil, 422},
		{"org: id with space", "POST", orgs, `{"organization_id":"a b","name":"X"}`, nil, 422},
		{"org: id with control char", "POST", orgs, `{"organization_id":"a\u0001b","name":"X"}`, nil, 422},
		{"org: id with NUL", "POST", orgs, `{"organization_id":"a\u0000b","name":"X"}`, nil, 422},
		{"org: unicode id", "POST", orgs, `{"organization_id":"caf\u00e9","name":"X"}`, nil, 422},
		{"org: 256-char id", "POST", orgs, `{"organization_id":"` + n(256) + `","name":"X"}`, nil, 422},
		{"org: leading dot", "POST", orgs, `{"organization_id":".x","name":"X"}`, nil, 422},
		{"org: leading dash", "POST", orgs, `{"organization_id":"-x","name":"X"}`, nil, 422},
		{"org: metadata array", "POST", orgs, `{"organization_id":"x","name":"X","metadata":[1]}`, nil, 422},
		{"org: metadata string", "POST", orgs, `{"organization_id":"x","name":"X","metadata":"{}"}`, nil, 422},
		{"org: metadata null", "POST", orgs, `{"organization_id":"x","name":"X","metadata":null}`, nil, 422},
		{"org: text/plain", "POST", orgs, `{"organization_id":"x","name":"X"}`, text, 415},
		{"org: no content type", "POST", orgs, `{"organization_id":"x","name":"X"}`, noType, 415},
		{"org: form", "POST", orgs, `organization_id=x&name=X`, form, 415},
		{"org: over 1 MiB", "POST", orgs, `{"organization_id":"x","name":"` + big + `"}`, nil, 413},

		// POST /api/teams/create
		{"team: invalid JSON", "POST", teams, `{"team_id":"x",`, nil, 422},
		{"team: missing team_id", "POST", teams, `{"organization_id":"bi-org"}`, nil, 422},
		{"team: missing organization_id", "POST", teams, `{"team_id":"x"}`, nil, 422},
		{"team: credits as string", "POST", teams, `{"organization_id":"bi-org","team_id":"x","credits_allocated":"100"}`, nil, 422},
		{"team: fractional credits", "POST", teams, `{"organization_id":"bi-org","team_id":"x","credits_allocated":1.5}`, nil, 422},
		{"team: negative credits", "POST", teams, `{"organization_id":"bi-org","team_id":"x","credits_allocated":-1}`, nil, 422},
		{"team: credits over 1e9", "POST", teams, `{"organization_id":"bi-org","team_id":"x","credits_allocated":1000000001}`, nil, 422},
		{"team: groups not an array", "POST", teams, `{"organization_id":"bi-org","team_id":"x","model_groups":"bi-group"}`, nil, 422},
		{"team: group not a string", "POST", teams, `{"organization_id":"bi-org","team_id":"x","model_groups":[1]}`, nil, 422},
		{"team: group with space", "POST", teams, `{"organization_id":"bi-org","team_id":"x","model_groups":["a b"]}`, nil, 422},
		{"team: empty group name", "POST", teams, `{"organization_id":"bi-org","team_id":"x","model_groups":[""]}`, nil, 422},
		{"team: 101 groups", "POST", teams, `{"organization_id":"bi-org","team_id":"x","model_groups":` + groups(101) + `}`, nil, 422},
		{"team: empty alias", "POST", teams, `{"organization_id":"bi-org","team_id":"x","team_alias":""}`, nil, 422},
		{"team: control char alias", "POST", teams, `{"organization_id":"bi-org","team_id":"x","team_alias":"a\u0007b"}`, nil, 422},
		{"team: 201-char alias", "POST", teams, `{"organization_id":"bi-org","team_id":"x","team_alias":"` + n(201) + `"}`, nil, 422},
		{"team: metadata array", "POST", teams, `{"organization_id":"bi-org","team_id":"x","metadata":[]}`, nil, 422},
		{"team: id with space", "POST", teams, `{"organization_id":"bi-org","team_id":"x y"}`, nil, 422},
		{"team: id with tab", "POST", teams, `{"organization_id":"bi-org","team_id":"x\ty"}`, nil, 422},
		{"team: org id with newline", "POST", teams, `{"organization_id":"bi-org\n","team_id":"x"}`, nil, 422},
		{"team: text/plain", "POST", teams, `{"organization_id":"bi-org","team_id":"x"}`, text, 415},
		{"team: over 1 MiB", "POST", teams, `{"organization_id":"bi-org","team_id":"x","team_alias":"` + big + `"}`, nil, 413},

		// PUT /api/teams/{team_id}/model-groups
		{"assign: object", "PUT", assign, `{"model_groups":["bi-group"]}`, nil, 422},
		{"assign: string", "PUT", assign, `"bi-group"`, nil, 422},
		{"assign: null", "PUT", assign, `null`, nil, 422},
		{"assign: numbers", "PUT", assign, `[1,2]`, nil, 422},
		{"assign: name with space", "PUT", assign, `["a b"]`, nil, 422},
		{"assign: empty name", "PUT", assign, `[""]`, nil, 422},
		{"assign: 129-char name", "PUT", assign, `["` + n(129) + `"]`, nil, 422},
		{"assign: 101 names", "PUT", assign, groups(101), nil, 422},
		{"assign: invalid JSON", "PUT", assign, `["bi-group"`, nil, 422},
		{"assign: empty body", "PUT", assign, ``, nil, 422},
		{"assign: text/plain", "PUT", assign, `["bi-group"]`, text, 415},
		{"assign: over 1 MiB", "PUT", assign, `["` + big + `"]`, nil, 413},
		{"assign: bad team id", "PUT", "/api/teams/bi%20team/model-groups", `["bi-group"]`, nil, 422},

		// POST /api/teams/{team_id}/rotate-key
		{"rotate: grace as string", "POST", rotate, `{"grace_period_seconds":"10"}`, nil, 422},
		{"rotate: negative grace", "POST", rotate, `{"grace_period_seconds":-1}`, nil, 422},
		{"rotate: grace over 7 days", "POST", rotate, `{"grace_period_seconds":604801}`, nil, 422},
		{"rotate: fractional grace", "POST", rotate, `{"grace_period_seconds":1.5}`, nil, 422},
		{"rotate: array", "POST", rotate, `[]`, nil, 422},
		{"rotate: invalid JSON", "POST", rotate, `{"grace_period_seconds":`, nil, 422},
		{"rotate: text/plain", "POST", rotate, `{"grace_period_seconds":0}`, text, 415},
		{"rotate: over 1 MiB", "POST", rotate, `{"x":"` + big + `"}`, nil, 413},
		{"rotate: bad team id", "POST", "/api/teams/%01/rotate-key", `{}`, nil, 422},
		{"suspend: bad team id", "POST", "/api/teams/a%20b/suspend", ``, noType, 422},
		{"resume: bad team id", "POST", "/api/teams/.x/resume", ``, noType, 422},

		// POST /api/model-groups/create
		{"group: invalid JSON", "POST", mgs, `{"group_name":}`, nil, 422},
		{"group: missing models", "POST", mgs, `{"group_name":"g"}`, nil, 422},
		{"group: missing name", "POST", mgs, `{"models":[]}`, nil, 422},
		{"group: models object", "POST", mgs, `{"group_name":"g","models":{}}`, nil, 422},
		{"group: model without name", "POST", mgs, `{"group_name":"g","models":[{"priority":0}]}`, nil, 422},
		{"group: model name not a string", "POST", mgs, `{"group_name":"g","models":[{"model_name":5}]}`, nil, 422},
		{"group: priority as string", "POST", mgs, `{"group_name":"g","models":[{"model_name":"m","priority":"1"}]}`, nil, 422},
		{"group: fractional priority", "POST", mgs, `{"group_name":"g","models":[{"model_name":"m","priority":0.5}]}`, nil, 422},
		{"group: priority 1001", "POST", mgs, `{"group_name":"g","models":[{"model_name":"m","priority":1001}]}`, nil, 422},
		{"group: duplicate model", "POST", mgs, `{"group_name":"g","models":[{"model_name":"m"},{"model_name":"m","priority":1}]}`, nil, 422},
		{"group: 101 models", "POST", mgs, `{"group_name":"g","models":` + models(101) + `}`, nil, 422},
		{"group: name with space", "POST", mgs, `{"group_name":"g h","models":[]}`, nil, 422},
		{"group: 129-char name", "POST", mgs, `{"group_name":"` + n(129) + `","models":[]}`, nil, 422},
		{"group: name not a string", "POST", mgs, `{"group_name":7,"models":[]}`, nil, 422},
		{"group: 2001-char description", "POST", mgs, `{"group_name":"g","description":"` + n(2001) + `","models":[]}`, nil, 422},
		{"group: description not a string", "POST", mgs, `{"group_name":"g","description":1,"models":[]}`, nil, 422},
		{"group: empty display name", "POST", mgs, `{"group_name":"g","display_name":"","models":[]}`, nil, 422},
		{"group: text/plain", "POST", mgs, `{"group_name":"g","models":[]}`, text, 415},
		{"group: over 1 MiB", "POST", mgs, `{"group_name":"g","description":"` + big + `","models":[]}`, nil, 413},

		// PUT /api/model-groups/{group_name}/models
		{"replace: object", "PUT", repl, `{"models":[]}`, nil, 422},
		{"replace: null", "PUT", repl, `null`, nil, 422},
		{"replace: model name not a string", "PUT", repl, `[{"model_name":1}]`, nil, 422},
		{"replace: negative priority", "PUT", repl, `[{"model_name":"m","priority":-1}]`, nil, 422},
		{"replace: model name with space", "PUT", repl, `[{"model_name":"m n"}]`, nil, 422},
		{"replace: duplicate model", "PUT", repl, `[{"model_name":"m"},{"model_name":"m"}]`, nil, 422},
		{"replace: text/plain", "PUT", repl, `[]`, text, 415},
		{"replace: over 1 MiB", "PUT", repl, `[{"model_name":"` + big + `"}]`, nil, 413},
		{"replace: bad group name", "PUT", "/api/model-groups/a%20b/models", `[]`, nil, 422},

		// POST /api/credits/teams/{team_id}/add
		{"add: zero", "POST", add, `{"credits":0}`, nil, 422},
		{"add: negative", "POST", add, `{"credits":-1}`, nil, 422},
		{"add: fraction", "POST", add, `{"credits":1.5}`, nil, 422},
		{"add: string", "POST", add, `{"credits":"10"}`, nil, 422},
		{"add: over 1e9", "POST", add, `{"credits":1000000001}`, nil, 422},
		{"add: null", "POST", add, `{"credits":null}`, nil, 422},
		{"add: missing credits", "POST", add, `{"reason":"x"}`, nil, 422},
		{"add: 501-char reason", "POST", add, `{"credits":1,"reason":"` + n(501) + `"}`, nil, 422},
		{"add: reason not a string", "POST", add, `{"credits":1,"reason":5}`, nil, 422},
		{"add: array", "POST", add, `[{"credits":1}]`, nil, 422},
		{"add: invalid JSON", "POST", add, `{"credits":1`, nil, 422},
		{"add: empty body", "POST", add, ``, nil, 422},
		{"add: text/plain", "POST", add, `{"credits":1}`, text, 415},
		{"add: no content type", "POST", add, `{"credits":1}`, noType, 415},
		{"add: over 1 MiB", "POST", add, `{"credits":1,"reason":"` + big + `"}`, nil, 413},
		{"add: Idempotency-Key with space", "POST", add, `{"credits":1}`, withKey("a b"), 422},
		{"add: Idempotency-Key with tab", "POST", add, `{"credits":1}`, withKey("a\tb"), 422},
		{"add: 256-char Idempotency-Key", "POST", add, `{"credits":1}`, withKey(n(256)), 422},
		{"add: non-ASCII Idempotency-Key", "POST", add, `{"credits":1}`, withKey("clé"), 422},
		{"add: bad team id", "POST", "/api/credits/teams/a%20b/add", `{"credits":1}`, nil, 422},

		// Path and query parameters of the reads.
		{"get org: space", "GET", "/api/organizations/a%20b", ``, nil, 422},
		{"get org: control char", "GET", "/api/organizations/a%01b", ``, nil, 422},
		{"get org: NUL", "GET", "/api/organizations/a%00b", ``, nil, 422},
		{"get org: leading dot", "GET", "/api/organizations/.hidden", ``, nil, 422},
		{"get org: leading dash", "GET", "/api/organizations/-x", ``, nil, 422},
		{"get org: unicode", "GET", "/api/organizations/caf%C3%A9", ``, nil, 422},
		{"get org: 256 chars", "GET", "/api/organizations/" + n(256), ``, nil, 422},
		{"org teams: space", "GET", "/api/organizations/a%20b/teams", ``, nil, 422},
		{"usage: space", "GET", "/api/organizations/a%20b/usage", ``, nil, 422},
		{"usage: month 13", "GET", "/api/organizations/bi-org/usage?period=2025-13", ``, nil, 422},
		{"usage: one-digit month", "GET", "/api/organizations/bi-org/usage?period=2025-1", ``, nil, 422},
		{"usage: empty period", "GET", "/api/organizations/bi-org/usage?period=", ``, nil, 422},
		{"usage: a date", "GET", "/api/organizations/bi-org/usage?period=2025-10-01", ``, nil, 422},
		{"get team: space", "GET", "/api/teams/a%20b", ``, nil, 422},
		{"get team: tab", "GET", "/api/teams/a%09b", ``, nil, 422},
		{"get team: 256 chars", "GET", "/api/teams/" + n(256), ``, nil, 422},
		{"get group: space", "GET", "/api/model-groups/a%20b", ``, nil, 422},
		{"get group: 129 chars", "GET", "/api/model-groups/" + n(129), ``, nil, 422},
		{"delete group: control char", "DELETE", "/api/model-groups/a%7Fb", ``, nil, 422},
		{"balance: space", "GET", "/api/credits/teams/a%20b/balance", ``, nil, 422},
		{"transactions: space", "GET", "/api/credits/teams/a%20b/transactions", ``, nil, 422},
		{"transactions: limit text", "GET", "/api/credits/teams/bi-team/transactions?limit=ten", ``, nil, 422},
		{"transactions: limit 0", "GET", "/api/credits/teams/bi-team/transactions?limit=0", ``, nil, 422},
		{"transactions: limit 501", "GET", "/api/credits/teams/bi-team/transactions?limit=501", ``, nil, 422},
		{"transactions: fractional limit", "GET", "/api/credits/teams/bi-team/transactions?limit=1.5", ``, nil, 422},
		{"transactions: huge limit", "GET", "/api/credits/teams/bi-team/transactions?limit=99999999999999999999", ``, nil, 422},
		{"check: space", "POST", "/api/credits/teams/a%20b/check", ``, noType, 422},
		{"check: zero needed", "POST", "/api/credits/teams/bi-team/check?credits_needed=0", ``, noType, 422},
		{"check: text needed", "POST", "/api/credits/teams/bi-team/check?credits_needed=all", ``, noType, 422},
		{"check: over 1e9 needed", "POST", "/api/credits/teams/bi-team/check?credits_needed=1000000001", ``, noType, 422},

		// Routes and methods.
		{"delete an organization", "DELETE", "/api/organizations/bi-org", ``, nil, 405},
		{"patch a team", "PATCH", "/api/teams/bi-team", `{}`, nil, 405},
		{"put a balance", "PUT", "/api/credits/teams/bi-team/balance", `{}`, nil, 405},
		{"get add", "GET", add, ``, nil, 405},
		{"unknown sub-resource", "GET", "/api/teams/bi-team/keys", ``, nil, 404},

		// Controls: the same requests, well formed, are accepted.
		{"control: JSON with charset", "POST", orgs, `{"organization_id":"bi-charset","name":"X"}`, map[string]string{"Content-Type": "application/json; charset=utf-8"}, 200},
		{"control: balance", "GET", "/api/credits/teams/bi-team/balance", ``, nil, 200},
	}
	for _, c := range cases {
		resp, body := m.raw(c.method, c.path, c.body, c.headers)
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d: %s", c.name, resp.StatusCode, c.want, truncateBody(body))
		}
	}

	// Nothing was written by the refused requests.
	orgList, _ := m.oc.ListOrganizationsWithResponse(bg)
	teamList, _ := m.oc.ListTeamsWithResponse(bg)
	groupList, _ := m.oc.ListModelGroupsWithResponse(bg)
	if orgList.JSON200 == nil || len(*orgList.JSON200) != 2 {
		t.Errorf("organizations = %s", truncateBody(orgList.Body))
	}
	if teamList.JSON200 == nil || len(*teamList.JSON200) != 1 {
		t.Errorf("teams = %s", truncateBody(teamList.Body))
	}
	if groupList.JSON200 == nil || len(*groupList.JSON200) != 1 || mgModels((*groupList.JSON200)[0].Models) != "bi-model:0" {
		t.Errorf("model groups = %s", truncateBody(groupList.Body))
	}
	tm := m.getTeam("bi-team")
	if tm.KeyPrefix != team.KeyPrefix || tm.Status != client.TeamStatusActive || strings.Join(tm.ModelGroups, ",") != "bi-group" || tm.CreditsRemaining != 10 {
		t.Errorf("bi-team changed: %+v", tm)
	}
	if l := m.ledger("bi-team"); l.Total != 1 {
		t.Errorf("ledger entries = %d, want 1", l.Total)
	}
}

// TestManagementBadInputNUL sends a NUL character (\u0000) in the free-text
// fields that have no pattern (a credit reason, a model group description,
// metadata keys and values). PostgreSQL text and jsonb cannot hold it, so the
// contract's "never a 500" needs a 422 here, and nothing is written.
func TestManagementBadInputNUL(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("nul-org")
	m.team("nul-org", "nul-team", 5)
	cases := []struct{ name, method, path, body string }{
		{"reason", "POST", "/api/credits/teams/nul-team/add", `{"credits":5,"reason":"a\u0000b"}`},
		{"description", "POST", "/api/model-groups/create", `{"group_name":"nul-g","description":"a\u0000b","models":[]}`},
		{"org metadata value", "POST", "/api/organizations/create", `{"organization_id":"nul-o1","name":"X","metadata":{"k":"a\u0000b"}}`},
		{"org metadata key", "POST", "/api/organizations/create", `{"organization_id":"nul-o2","name":"X","metadata":{"a\u0000b":1}}`},
		{"team metadata value", "POST", "/api/teams/create", `{"organization_id":"nul-org","team_id":"nul-t2","metadata":{"k":"\u0000"}}`},
		{"nested metadata", "POST", "/api/teams/create", `{"organization_id":"nul-org","team_id":"nul-t3","metadata":{"a":[{"b":"x\u0000"}]}}`},
		{"idempotent add", "POST", "/api/credits/teams/nul-team/add", `{"credits":5,"reason":"\u0000"}`},
	}
	for _, c := range cases {
		resp, body := m.raw(c.method, c.path, c.body, nil)
		mgStatus(t, c.name+" with NUL", resp.StatusCode, 422, body)
	}
	if b := m.balance("nul-team"); b.CreditsRemaining != 5 {
		t.Errorf("balance = %d", b.CreditsRemaining)
	}
	for _, id := range []string{"nul-t2", "nul-t3"} {
		if r, _ := m.oc.GetTeamWithResponse(bg, id); r.StatusCode() != 404 {
			t.Errorf("team %s was created", id)
		}
	}
}
