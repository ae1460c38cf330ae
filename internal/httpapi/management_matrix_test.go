package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// ---------------------------------------------------------------------------
// Helpers shared by the management tests (organizations_test.go,
// teams_test.go, model_groups_test.go, credits_test.go,
// management_bad_input_test.go and this file). Names start with "mg" so they
// do not collide with the admin-user tests of the package.

// mgEnv is a server on its own database with a signed-in owner.
type mgEnv struct {
	t     *testing.T
	env   *apitest.Env
	owner apitest.Session
	oc    *client.ClientWithResponses // the owner's JWT
	mc    *client.ClientWithResponses // X-Admin-Key
}

// alternate spreads concurrent callers over the two admin credentials: the
// owner's JWT for even i, the X-Admin-Key for odd i.
func (m *mgEnv) alternate(i int) *client.ClientWithResponses {
	if i%2 == 1 {
		return m.mc
	}
	return m.oc
}

func newMgEnv(t *testing.T) *mgEnv {
	t.Helper()
	env := apitest.New(t)
	owner := env.SetupOwner()
	return &mgEnv{
		t: t, env: env, owner: owner,
		oc: env.Client(apitest.Bearer(owner.Token)),
		mc: env.Client(apitest.AdminKey(apitest.MasterKey)),
	}
}

var mgSeq atomic.Int64

// mgID returns a fresh resource id (valid as ResourceID and GroupName).
func mgID(prefix string) string { return fmt.Sprintf("%s-%d", prefix, mgSeq.Add(1)) }

// mgStatus fails the test when a status is not the expected one.
func mgStatus(t *testing.T, what string, got, want int, body []byte) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %d, want %d: %s", what, got, want, truncateBody(body))
	}
}

func truncateBody(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

func (m *mgEnv) org(id string) client.Organization {
	m.t.Helper()
	r, err := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: id, Name: "Org " + id})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("create organization %s: %v %s", id, err, r.Body)
	}
	return *r.JSON200
}

// group creates a model group whose models get priorities 0, 1, 2, ... in
// the order given.
func (m *mgEnv) group(name string, models ...string) client.ModelGroup {
	m.t.Helper()
	entries := make([]client.ModelEntry, 0, len(models))
	for i, model := range models {
		entries = append(entries, client.ModelEntry{ModelName: model, Priority: ptr(i)})
	}
	r, err := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: name, Models: entries})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("create model group %s: %v %s", name, err, r.Body)
	}
	return *r.JSON200
}

func (m *mgEnv) team(orgID, teamID string, credits int64, groups ...string) client.TeamCreated {
	m.t.Helper()
	if groups == nil {
		groups = []string{}
	}
	r, err := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{
		OrganizationId: orgID, TeamId: teamID, TeamAlias: ptr("Team " + teamID),
		ModelGroups: &groups, CreditsAllocated: ptr(credits),
	})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("create team %s: %v %s", teamID, err, r.Body)
	}
	return *r.JSON200
}

func (m *mgEnv) add(teamID string, credits int64) client.CreditsAdded {
	m.t.Helper()
	r, err := m.oc.AddCreditsWithResponse(bg, teamID, nil, client.AddCreditsRequest{Credits: credits})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("add %d credits to %s: %v %s", credits, teamID, err, r.Body)
	}
	return *r.JSON200
}

func (m *mgEnv) getTeam(teamID string) client.Team {
	m.t.Helper()
	r, err := m.oc.GetTeamWithResponse(bg, teamID)
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("get team %s: %v %s", teamID, err, r.Body)
	}
	return *r.JSON200
}

func (m *mgEnv) balance(teamID string) client.CreditBalance {
	m.t.Helper()
	r, err := m.oc.GetCreditBalanceWithResponse(bg, teamID)
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("balance of %s: %v %s", teamID, err, r.Body)
	}
	return *r.JSON200
}

// ledger returns up to 500 of the team's entries, newest first.
func (m *mgEnv) ledger(teamID string) client.CreditTransactionList {
	m.t.Helper()
	r, err := m.oc.ListCreditTransactionsWithResponse(bg, teamID, &client.ListCreditTransactionsParams{Limit: ptr(500)})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("transactions of %s: %v %s", teamID, err, r.Body)
	}
	return *r.JSON200
}

// audit returns the audit entries of one action, newest first.
func (m *mgEnv) audit(action string) ([]client.AuditLogEntry, []byte) {
	m.t.Helper()
	r, err := m.oc.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Action: ptr(action), Limit: ptr(500)})
	if err != nil || r.JSON200 == nil {
		m.t.Fatalf("audit %s: %v %s", action, err, r.Body)
	}
	return *r.JSON200, r.Body
}

// raw sends a hand-made request with the owner's JWT and a JSON content
// type unless headers say otherwise.
func (m *mgEnv) raw(method, path, body string, headers map[string]string) (*http.Response, []byte) {
	m.t.Helper()
	h := map[string]string{"Authorization": "Bearer " + m.owner.Token, "Content-Type": "application/json"}
	for k, v := range headers {
		if v == "" {
			delete(h, k)
			continue
		}
		h[k] = v
	}
	var b []byte
	if body != "" {
		b = []byte(body)
	}
	return m.env.Raw(method, path, b, h)
}

// ---------------------------------------------------------------------------
// The role × operation matrix of the management plane.

// mgKinds are the credential kinds, in column order.
var mgKinds = [12]string{
	"none", "bad token", "revoked session", "deactivated user",
	"owner", "admin", "user", "X-Admin-Key", "master key as bearer",
	"own team key", "other team's key", "suspended team's key",
}

// Expected statuses per x-permission, in the column order of mgKinds.
var (
	mgReadWant     = [12]int{401, 401, 401, 401, 200, 200, 200, 200, 200, 403, 403, 403}
	mgWriteWant    = [12]int{401, 401, 401, 401, 200, 200, 403, 200, 200, 403, 403, 403}
	mgTeamReadWant = [12]int{401, 401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403}
)

// mgCell is what one cell of the matrix works on.
type mgCell struct {
	org    string // the shared organization
	team   string // T: fresh per cell for writes, the shared team for reads
	prefix string // T's key prefix when created
	group  string // G: a fresh, unassigned group for writes, a shared one for reads
	newID  string // an unused id for creates
}

type mgOp struct {
	name  string
	want  [12]int
	fresh bool                      // a fresh T and G per cell
	prep  func(m *mgEnv, f *mgCell) // runs before the call (as the owner)
	run   func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error)
	took  func(m *mgEnv, f *mgCell) bool // whether the write took effect
}

var mgOps = []mgOp{
	// read
	{name: "GET /organizations", want: mgReadWant, run: func(c *client.ClientWithResponses, _ *mgCell) (*http.Response, error) {
		return c.ListOrganizations(bg)
	}},
	{name: "GET /organizations/{id}", want: mgReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.GetOrganization(bg, f.org)
	}},
	{name: "GET /organizations/{id}/teams", want: mgReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.ListOrganizationTeams(bg, f.org)
	}},
	{name: "GET /organizations/{id}/usage", want: mgReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.GetOrganizationUsage(bg, f.org, nil)
	}},
	{name: "GET /teams", want: mgReadWant, run: func(c *client.ClientWithResponses, _ *mgCell) (*http.Response, error) {
		return c.ListTeams(bg)
	}},
	{name: "GET /teams/{id}", want: mgReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.GetTeam(bg, f.team)
	}},
	{name: "GET /model-groups", want: mgReadWant, run: func(c *client.ClientWithResponses, _ *mgCell) (*http.Response, error) {
		return c.ListModelGroups(bg)
	}},
	{name: "GET /model-groups/{name}", want: mgReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.GetModelGroup(bg, f.group)
	}},

	// write
	{name: "POST /organizations/create", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.CreateOrganization(bg, client.OrganizationCreate{OrganizationId: f.newID, Name: "Matrix org"})
		},
		took: func(m *mgEnv, f *mgCell) bool {
			r, _ := m.oc.GetOrganizationWithResponse(bg, f.newID)
			return r.StatusCode() == 200
		}},
	{name: "POST /teams/create", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.CreateTeam(bg, client.TeamCreate{OrganizationId: f.org, TeamId: f.newID, CreditsAllocated: ptr(int64(5))})
		},
		took: func(m *mgEnv, f *mgCell) bool {
			r, _ := m.oc.GetTeamWithResponse(bg, f.newID)
			return r.StatusCode() == 200
		}},
	{name: "PUT /teams/{id}/model-groups", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.AssignTeamModelGroups(bg, f.team, client.GroupNameList{f.group})
		},
		took: func(m *mgEnv, f *mgCell) bool { return slices.Contains(m.getTeam(f.team).ModelGroups, f.group) }},
	{name: "POST /teams/{id}/suspend", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.SuspendTeam(bg, f.team)
		},
		took: func(m *mgEnv, f *mgCell) bool { return m.getTeam(f.team).Status == client.TeamStatusSuspended }},
	{name: "POST /teams/{id}/resume", want: mgWriteWant, fresh: true,
		prep: func(m *mgEnv, f *mgCell) {
			if r, _ := m.oc.SuspendTeamWithResponse(bg, f.team); r.StatusCode() != 200 {
				m.t.Fatalf("suspend %s: %s", f.team, r.Body)
			}
		},
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.ResumeTeam(bg, f.team)
		},
		took: func(m *mgEnv, f *mgCell) bool { return m.getTeam(f.team).Status == client.TeamStatusActive }},
	{name: "POST /teams/{id}/rotate-key", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.RotateTeamKey(bg, f.team, client.RotateKeyRequest{GracePeriodSeconds: ptr(0)})
		},
		took: func(m *mgEnv, f *mgCell) bool { return m.getTeam(f.team).KeyPrefix != f.prefix }},
	{name: "POST /model-groups/create", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.CreateModelGroup(bg, client.ModelGroupCreate{GroupName: f.newID, Models: client.ModelEntryList{{ModelName: "m-1"}}})
		},
		took: func(m *mgEnv, f *mgCell) bool {
			r, _ := m.oc.GetModelGroupWithResponse(bg, f.newID)
			return r.StatusCode() == 200
		}},
	{name: "PUT /model-groups/{name}/models", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.ReplaceModelGroupModels(bg, f.group, client.ModelEntryList{{ModelName: "replaced", Priority: ptr(0)}})
		},
		took: func(m *mgEnv, f *mgCell) bool {
			r, _ := m.oc.GetModelGroupWithResponse(bg, f.group)
			return r.JSON200 != nil && len(r.JSON200.Models) == 1 && r.JSON200.Models[0].ModelName == "replaced"
		}},
	{name: "DELETE /model-groups/{name}", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.DeleteModelGroup(bg, f.group)
		},
		took: func(m *mgEnv, f *mgCell) bool {
			r, _ := m.oc.GetModelGroupWithResponse(bg, f.group)
			return r.StatusCode() == 404
		}},
	{name: "POST /credits/teams/{id}/add", want: mgWriteWant, fresh: true,
		run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
			return c.AddCredits(bg, f.team, nil, client.AddCreditsRequest{Credits: 7})
		},
		took: func(m *mgEnv, f *mgCell) bool { return m.balance(f.team).CreditsRemaining == 7 }},

	// team_read
	{name: "GET /credits/teams/{id}/balance", want: mgTeamReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.GetCreditBalance(bg, f.team)
	}},
	{name: "GET /credits/teams/{id}/transactions", want: mgTeamReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.ListCreditTransactions(bg, f.team, nil)
	}},
	{name: "POST /credits/teams/{id}/check", want: mgTeamReadWant, run: func(c *client.ClientWithResponses, f *mgCell) (*http.Response, error) {
		return c.CheckCredits(bg, f.team, &client.CheckCreditsParams{CreditsNeeded: ptr(int64(1))})
	}},
}

// TestManagementMatrix runs every management operation with every kind of
// credential. Writes get a fresh team, key and model group per cell, so a
// rotation, suspension or deletion in one cell cannot leak into another,
// and each write cell also checks that a refused call changed nothing and an
// accepted one took effect.
func TestManagementMatrix(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	env := m.env

	org := m.org(mgID("matrix-org"))
	readGroup := m.group(mgID("matrix-read-group"), "m-a", "m-b")
	shared := m.team(org.OrganizationId, mgID("matrix-team"), 100, readGroup.GroupName)
	other := m.team(org.OrganizationId, mgID("matrix-other"), 10)
	suspended := m.team(org.OrganizationId, mgID("matrix-suspended"), 10)
	if r, _ := m.oc.SuspendTeamWithResponse(bg, suspended.TeamId); r.StatusCode() != 200 {
		t.Fatalf("suspend: %s", r.Body)
	}

	// Credentials that no management operation can consume.
	revoked := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	if r, _ := env.Client(apitest.Bearer(revoked.Token)).LogoutWithResponse(bg); r.StatusCode() != 200 {
		t.Fatal("logout failed")
	}
	deactivated, _ := env.NewUser(m.owner, client.RoleAdmin)
	if r, _ := m.oc.DeactivateAdminUserWithResponse(bg, deactivated.User.UserId); r.StatusCode() != 200 {
		t.Fatal("deactivate failed")
	}
	admin, _ := env.NewUser(m.owner, client.RoleAdmin)
	user, _ := env.NewUser(m.owner, client.RoleUser)
	creds := func(col int, ownKey string) []apitest.Credential {
		switch mgKinds[col] {
		case "none":
			return nil
		case "bad token":
			return []apitest.Credential{apitest.Bearer("invalid-token")}
		case "revoked session":
			return []apitest.Credential{apitest.Bearer(revoked.Token)}
		case "deactivated user":
			return []apitest.Credential{apitest.Bearer(deactivated.Token)}
		case "owner":
			return []apitest.Credential{apitest.Bearer(m.owner.Token)}
		case "admin":
			return []apitest.Credential{apitest.Bearer(admin.Token)}
		case "user":
			return []apitest.Credential{apitest.Bearer(user.Token)}
		case "X-Admin-Key":
			return []apitest.Credential{apitest.AdminKey(apitest.MasterKey)}
		case "master key as bearer":
			return []apitest.Credential{apitest.Bearer(apitest.MasterKey)}
		case "own team key":
			return []apitest.Credential{apitest.Bearer(ownKey)}
		case "other team's key":
			return []apitest.Credential{apitest.Bearer(other.VirtualKey)}
		case "suspended team's key":
			return []apitest.Credential{apitest.Bearer(suspended.VirtualKey)}
		}
		t.Fatalf("unknown kind %d", col)
		return nil
	}

	for _, op := range mgOps {
		for col, kind := range mgKinds {
			f := &mgCell{org: org.OrganizationId, team: shared.TeamId, prefix: shared.KeyPrefix, group: readGroup.GroupName, newID: mgID("cell")}
			key := shared.VirtualKey
			if op.fresh {
				tm := m.team(org.OrganizationId, mgID("cell-team"), 0)
				f.team, f.prefix, key = tm.TeamId, tm.KeyPrefix, tm.VirtualKey
				f.group = m.group(mgID("cell-group"), "m-x").GroupName
			}
			if kind == "suspended team's key" && op.want == mgTeamReadWant {
				// On its own team, so the 403 can only come from the suspension.
				f.team = suspended.TeamId
			}
			if op.prep != nil {
				op.prep(m, f)
			}
			resp, err := op.run(env.Client(creds(col, key)...), f)
			if err != nil {
				t.Errorf("%s with %s: %v", op.name, kind, err)
				continue
			}
			resp.Body.Close()
			if resp.StatusCode != op.want[col] {
				t.Errorf("%s with %s = %d, want %d", op.name, kind, resp.StatusCode, op.want[col])
			}
			if resp.StatusCode == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s with %s: 401 without WWW-Authenticate", op.name, kind)
			}
			if op.took != nil {
				if took := op.took(m, f); took != (resp.StatusCode == 200) {
					t.Errorf("%s with %s: status %d but the change took effect = %v", op.name, kind, resp.StatusCode, took)
				}
			}
		}
	}

	// The shared fixtures are untouched by the refused calls.
	if b := m.balance(shared.TeamId); b.CreditsRemaining != 100 || b.Status != client.TeamStatusActive {
		t.Errorf("shared team changed: %+v", b)
	}
}

// ---------------------------------------------------------------------------
// Team keys: what a key may and may not do.

// TestTeamKeyScope checks that a team key reads its own team's balance,
// ledger and check, nothing of another team's, and no other management
// endpoint; that JWT-only endpoints do not count it as a credential; and
// that the master key as a bearer token acts like X-Admin-Key.
func TestTeamKeyScope(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	org := m.org(mgID("scope-org"))
	g := m.group(mgID("scope-group"), "m-1")
	a := m.team(org.OrganizationId, mgID("team-a"), 40, g.GroupName)
	b := m.team(org.OrganizationId, mgID("team-b"), 60)
	kc := m.env.Client(apitest.Bearer(a.VirtualKey))

	// Its own team.
	bal, _ := kc.GetCreditBalanceWithResponse(bg, a.TeamId)
	if bal.JSON200 == nil || bal.JSON200.TeamId != a.TeamId || bal.JSON200.CreditsRemaining != 40 {
		t.Errorf("own balance = %d %s", bal.StatusCode(), bal.Body)
	}
	txs, _ := kc.ListCreditTransactionsWithResponse(bg, a.TeamId, nil)
	if txs.JSON200 == nil || txs.JSON200.Total != 1 || len(txs.JSON200.Transactions) != 1 {
		t.Fatalf("own transactions = %d %s", txs.StatusCode(), txs.Body)
	}
	// A tenant learns that an operator acted, not which admin account did.
	if tx := txs.JSON200.Transactions[0]; tx.Actor != "operator" || strings.Contains(string(txs.Body), m.owner.User.UserId.String()) {
		t.Errorf("ledger seen with a team key names the admin: %s", txs.Body)
	}
	chk, _ := kc.CheckCreditsWithResponse(bg, a.TeamId, &client.CheckCreditsParams{CreditsNeeded: ptr(int64(40))})
	if chk.JSON200 == nil || !chk.JSON200.HasCredits {
		t.Errorf("own check = %d %s", chk.StatusCode(), chk.Body)
	}

	// Another team's, and a team that does not exist (403, not 404: a key
	// learns nothing about other teams).
	for _, team := range []string{b.TeamId, "no-such-team"} {
		r1, _ := kc.GetCreditBalanceWithResponse(bg, team)
		mgStatus(t, "balance of "+team, r1.StatusCode(), 403, r1.Body)
		r2, _ := kc.ListCreditTransactionsWithResponse(bg, team, nil)
		mgStatus(t, "transactions of "+team, r2.StatusCode(), 403, r2.Body)
		r3, _ := kc.CheckCreditsWithResponse(bg, team, nil)
		mgStatus(t, "check of "+team, r3.StatusCode(), 403, r3.Body)
		if r1.JSON200 != nil || r2.JSON200 != nil || r3.JSON200 != nil {
			t.Errorf("another team's figures leaked to a team key")
		}
	}

	// Every other management endpoint, even on its own team: 403.
	refused := map[string]func() (int, []byte){
		"list organizations": func() (int, []byte) { r, _ := kc.ListOrganizationsWithResponse(bg); return r.StatusCode(), r.Body },
		"create organization": func() (int, []byte) {
			r, _ := kc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "by-key", Name: "K"})
			return r.StatusCode(), r.Body
		},
		"get organization": func() (int, []byte) {
			r, _ := kc.GetOrganizationWithResponse(bg, org.OrganizationId)
			return r.StatusCode(), r.Body
		},
		"organization teams": func() (int, []byte) {
			r, _ := kc.ListOrganizationTeamsWithResponse(bg, org.OrganizationId)
			return r.StatusCode(), r.Body
		},
		"organization usage": func() (int, []byte) {
			r, _ := kc.GetOrganizationUsageWithResponse(bg, org.OrganizationId, nil)
			return r.StatusCode(), r.Body
		},
		"list teams":   func() (int, []byte) { r, _ := kc.ListTeamsWithResponse(bg); return r.StatusCode(), r.Body },
		"get own team": func() (int, []byte) { r, _ := kc.GetTeamWithResponse(bg, a.TeamId); return r.StatusCode(), r.Body },
		"create team": func() (int, []byte) {
			r, _ := kc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: org.OrganizationId, TeamId: "by-key"})
			return r.StatusCode(), r.Body
		},
		"assign own groups": func() (int, []byte) {
			r, _ := kc.AssignTeamModelGroupsWithResponse(bg, a.TeamId, client.GroupNameList{})
			return r.StatusCode(), r.Body
		},
		"suspend own team": func() (int, []byte) { r, _ := kc.SuspendTeamWithResponse(bg, a.TeamId); return r.StatusCode(), r.Body },
		"resume own team":  func() (int, []byte) { r, _ := kc.ResumeTeamWithResponse(bg, a.TeamId); return r.StatusCode(), r.Body },
		"rotate own key": func() (int, []byte) {
			r, _ := kc.RotateTeamKeyWithResponse(bg, a.TeamId, client.RotateKeyRequest{})
			return r.StatusCode(), r.Body
		},
		"list model groups": func() (int, []byte) { r, _ := kc.ListModelGroupsWithResponse(bg); return r.StatusCode(), r.Body },
		"get model group": func() (int, []byte) {
			r, _ := kc.GetModelGroupWithResponse(bg, g.GroupName)
			return r.StatusCode(), r.Body
		},
		"create model group": func() (int, []byte) {
			r, _ := kc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "by-key", Models: client.ModelEntryList{}})
			return r.StatusCode(), r.Body
		},
		"replace models": func() (int, []byte) {
			r, _ := kc.ReplaceModelGroupModelsWithResponse(bg, g.GroupName, client.ModelEntryList{})
			return r.StatusCode(), r.Body
		},
		"delete model group": func() (int, []byte) {
			r, _ := kc.DeleteModelGroupWithResponse(bg, g.GroupName)
			return r.StatusCode(), r.Body
		},
		"add credits to own team": func() (int, []byte) {
			r, _ := kc.AddCreditsWithResponse(bg, a.TeamId, nil, client.AddCreditsRequest{Credits: 1000})
			return r.StatusCode(), r.Body
		},
	}
	for name, call := range refused {
		got, body := call()
		mgStatus(t, "team key: "+name, got, 403, body)
	}

	// JWT-only endpoints: a team key is no credential there.
	jwtOnly := map[string]func() (int, http.Header){
		"GET /me": func() (int, http.Header) {
			r, _ := kc.GetMeWithResponse(bg)
			return r.StatusCode(), r.HTTPResponse.Header
		},
		"GET users": func() (int, http.Header) {
			r, _ := kc.ListAdminUsersWithResponse(bg)
			return r.StatusCode(), r.HTTPResponse.Header
		},
		"GET audit-logs": func() (int, http.Header) {
			r, _ := kc.ListAuditLogsWithResponse(bg, nil)
			return r.StatusCode(), r.HTTPResponse.Header
		},
		"GET my sessions": func() (int, http.Header) {
			r, _ := kc.ListMySessionsWithResponse(bg)
			return r.StatusCode(), r.HTTPResponse.Header
		},
		"POST logout": func() (int, http.Header) {
			r, _ := kc.LogoutWithResponse(bg)
			return r.StatusCode(), r.HTTPResponse.Header
		},
		"POST users": func() (int, http.Header) {
			r, _ := kc.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "k@example.com", DisplayName: "K", Password: "Password123"})
			return r.StatusCode(), r.HTTPResponse.Header
		},
	}
	for name, call := range jwtOnly {
		got, h := call()
		mgStatus(t, "team key on "+name, got, 401, nil)
		if h.Get("WWW-Authenticate") == "" {
			t.Errorf("team key on %s: no WWW-Authenticate", name)
		}
	}

	// Nothing the key tried changed anything.
	if bal := m.balance(a.TeamId); bal.CreditsRemaining != 40 || bal.Status != client.TeamStatusActive {
		t.Errorf("team a changed by its own key: %+v", bal)
	}
	if tm := m.getTeam(a.TeamId); tm.KeyPrefix != a.KeyPrefix || len(tm.ModelGroups) != 1 {
		t.Errorf("team a's key or groups changed: %+v", tm)
	}
	for _, id := range []string{"by-key"} {
		if r, _ := m.oc.GetOrganizationWithResponse(bg, id); r.StatusCode() != 404 {
			t.Errorf("organization created by a team key")
		}
		if r, _ := m.oc.GetTeamWithResponse(bg, id); r.StatusCode() != 404 {
			t.Errorf("team created by a team key")
		}
		if r, _ := m.oc.GetModelGroupWithResponse(bg, id); r.StatusCode() != 404 {
			t.Errorf("model group created by a team key")
		}
	}

	// Unknown and malformed sk- keys: 401 with WWW-Authenticate.
	for _, key := range []string{"sk-unknown", a.VirtualKey + "x", a.KeyPrefix, "sk-"} {
		r, _ := m.env.Client(apitest.Bearer(key)).GetCreditBalanceWithResponse(bg, a.TeamId)
		mgStatus(t, "unknown key "+key, r.StatusCode(), 401, r.Body)
		if r.StatusCode() == 401 && r.HTTPResponse.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("unknown key %q: no WWW-Authenticate", key)
		}
	}
	// A team key in X-Admin-Key is a wrong master key: 401.
	r, _ := m.env.Client(apitest.AdminKey(a.VirtualKey)).GetCreditBalanceWithResponse(bg, a.TeamId)
	mgStatus(t, "team key as X-Admin-Key", r.StatusCode(), 401, r.Body)

	// A suspended team's key cannot read even its own team.
	if r, _ := m.oc.SuspendTeamWithResponse(bg, b.TeamId); r.StatusCode() != 200 {
		t.Fatalf("suspend: %s", r.Body)
	}
	sb, _ := m.env.Client(apitest.Bearer(b.VirtualKey)).GetCreditBalanceWithResponse(bg, b.TeamId)
	mgStatus(t, "suspended key on its own balance", sb.StatusCode(), 403, sb.Body)

	// The master key as a bearer token works like X-Admin-Key, and is
	// audited as the master key.
	bc := m.env.Client(apitest.Bearer(apitest.MasterKey))
	created, _ := bc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "via-bearer-master", Name: "B"})
	mgStatus(t, "master key as bearer creates an organization", created.StatusCode(), 200, created.Body)
	added, _ := bc.AddCreditsWithResponse(bg, a.TeamId, nil, client.AddCreditsRequest{Credits: 5})
	if added.JSON200 == nil || added.JSON200.Transaction.Actor != "master_key" {
		t.Errorf("master key as bearer adds credits: %d %s", added.StatusCode(), added.Body)
	}
	entries, _ := m.audit("created_organization")
	found := false
	for _, e := range entries {
		if e.ResourceId != nil && *e.ResourceId == "via-bearer-master" {
			found = true
			if e.Actor != client.AuditLogEntryActorMasterKey || e.UserId != nil {
				t.Errorf("master key as bearer audited as %s %v", e.Actor, e.UserId)
			}
		}
	}
	if !found {
		t.Error("creation by the master key as bearer is not audited")
	}
}

// TestCredentialOrderAdminKeyBeforeTeamKey follows the contract's order of
// credentials (1. bearer JWT, 2. X-Admin-Key, 3. bearer team key): a request
// carrying both a team key and the master key in X-Admin-Key is the master
// key's.
func TestCredentialOrderAdminKeyBeforeTeamKey(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("order-org")
	tm := m.team("order-org", "order-team", 5)
	c := m.env.Client(apitest.Bearer(tm.VirtualKey), apitest.AdminKey(apitest.MasterKey))
	r, _ := c.AddCreditsWithResponse(bg, "order-team", nil, client.AddCreditsRequest{Credits: 5})
	if r.JSON200 == nil || r.JSON200.Transaction.Actor != "master_key" {
		t.Fatalf("team key + X-Admin-Key on add = %d %s", r.StatusCode(), r.Body)
	}
	l, _ := c.ListOrganizationsWithResponse(bg)
	mgStatus(t, "team key + X-Admin-Key on list organizations", l.StatusCode(), 200, l.Body)
}

// ---------------------------------------------------------------------------
// Audit trail of the management plane.

// TestManagementAuditTrail makes every kind of management change, as a user
// and as the master key, and checks each audit entry: action, actor, user,
// resource, and no key or secret in the details. Refused changes are not
// audited.
func TestManagementAuditTrail(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	admin, _ := m.env.NewUser(m.owner, client.RoleAdmin)
	ac := m.env.Client(apitest.Bearer(admin.Token))
	ownerID, adminID := m.owner.User.UserId, admin.User.UserId

	type want struct {
		actor    client.AuditLogEntryActor
		userID   string // "" for the master key
		resource string
	}
	expect := map[string][]want{} // action -> entries, oldest first
	byOwner := func(action, resource string) {
		expect[action] = append(expect[action], want{client.AuditLogEntryActorUser, ownerID.String(), resource})
	}
	byMaster := func(action, resource string) {
		expect[action] = append(expect[action], want{client.AuditLogEntryActorMasterKey, "", resource})
	}
	byAdmin := func(action, resource string) {
		expect[action] = append(expect[action], want{client.AuditLogEntryActorUser, adminID.String(), resource})
	}
	ok := func(what string, got int, body []byte) {
		t.Helper()
		if got != 200 {
			t.Fatalf("%s = %d %s", what, got, body)
		}
	}

	o1, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "audit-org-1", Name: "A1", Metadata: &client.Metadata{"tier": "gold"}})
	ok("create org 1", o1.StatusCode(), o1.Body)
	byOwner("created_organization", "audit-org-1")
	o2, _ := m.mc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "audit-org-2", Name: "A2"})
	ok("create org 2", o2.StatusCode(), o2.Body)
	byMaster("created_organization", "audit-org-2")

	g1, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "audit-g1", Models: client.ModelEntryList{{ModelName: "gpt-4o"}}})
	ok("create g1", g1.StatusCode(), g1.Body)
	byOwner("created_model_group", "audit-g1")
	g2, _ := m.mc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "audit-g2", Models: client.ModelEntryList{{ModelName: "claude"}}})
	ok("create g2", g2.StatusCode(), g2.Body)
	byMaster("created_model_group", "audit-g2")

	tm, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "audit-org-1", TeamId: "audit-team", ModelGroups: &[]string{"audit-g1"}, CreditsAllocated: ptr(int64(100))})
	ok("create team", tm.StatusCode(), tm.Body)
	byOwner("created_team", "audit-team")
	key1 := tm.JSON200.VirtualKey
	tm2, _ := m.mc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "audit-org-2", TeamId: "audit-team-2"})
	ok("create team 2", tm2.StatusCode(), tm2.Body)
	byMaster("created_team", "audit-team-2")

	as, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "audit-team", client.GroupNameList{"audit-g1", "audit-g2"})
	ok("assign", as.StatusCode(), as.Body)
	byOwner("assigned_model_groups", "audit-team")
	rp, _ := m.mc.ReplaceModelGroupModelsWithResponse(bg, "audit-g2", client.ModelEntryList{{ModelName: "claude-3"}})
	ok("replace", rp.StatusCode(), rp.Body)
	byMaster("updated_model_group_models", "audit-g2")

	g3, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "audit-g3", Models: client.ModelEntryList{}})
	ok("create g3", g3.StatusCode(), g3.Body)
	byOwner("created_model_group", "audit-g3")
	dl, _ := m.oc.DeleteModelGroupWithResponse(bg, "audit-g3")
	ok("delete g3", dl.StatusCode(), dl.Body)
	byOwner("deleted_model_group", "audit-g3")

	ad1, _ := m.oc.AddCreditsWithResponse(bg, "audit-team", nil, client.AddCreditsRequest{Credits: 50, Reason: ptr("Monthly top-up")})
	ok("add by owner", ad1.StatusCode(), ad1.Body)
	byOwner("added_credits", "audit-team")
	ad2, _ := m.mc.AddCreditsWithResponse(bg, "audit-team", nil, client.AddCreditsRequest{Credits: 25})
	ok("add by master key", ad2.StatusCode(), ad2.Body)
	byMaster("added_credits", "audit-team")
	ad3, _ := ac.AddCreditsWithResponse(bg, "audit-team", nil, client.AddCreditsRequest{Credits: 5})
	ok("add by admin", ad3.StatusCode(), ad3.Body)
	byAdmin("added_credits", "audit-team")

	su, _ := m.mc.SuspendTeamWithResponse(bg, "audit-team")
	ok("suspend", su.StatusCode(), su.Body)
	byMaster("suspended_team", "audit-team")
	re, _ := m.oc.ResumeTeamWithResponse(bg, "audit-team")
	ok("resume", re.StatusCode(), re.Body)
	byOwner("resumed_team", "audit-team")

	ro, _ := m.oc.RotateTeamKeyWithResponse(bg, "audit-team", client.RotateKeyRequest{GracePeriodSeconds: ptr(60)})
	ok("rotate", ro.StatusCode(), ro.Body)
	byOwner("rotated_team_key", "audit-team")
	key2 := ro.JSON200.VirtualKey
	ro2, _ := m.mc.RotateTeamKeyWithResponse(bg, "audit-team", client.RotateKeyRequest{})
	ok("rotate by master key", ro2.StatusCode(), ro2.Body)
	byMaster("rotated_team_key", "audit-team")
	key3 := ro2.JSON200.VirtualKey

	// Refused changes leave no entry.
	uc := m.env.Client(apitest.Bearer(func() string { s, _ := m.env.NewUser(m.owner, client.RoleUser); return s.Token }()))
	refused := []int{}
	r1, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "audit-org-1", Name: "dup"})
	refused = append(refused, r1.StatusCode())
	r2, _ := m.oc.AddCreditsWithResponse(bg, "no-such-team", nil, client.AddCreditsRequest{Credits: 5})
	refused = append(refused, r2.StatusCode())
	r3, _ := uc.AddCreditsWithResponse(bg, "audit-team", nil, client.AddCreditsRequest{Credits: 5})
	refused = append(refused, r3.StatusCode())
	r4, _ := m.oc.DeleteModelGroupWithResponse(bg, "audit-g1")
	refused = append(refused, r4.StatusCode())
	r5, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "audit-team", client.GroupNameList{"no-such-group"})
	refused = append(refused, r5.StatusCode())
	r6, _ := m.env.Client(apitest.Bearer(key3)).AddCreditsWithResponse(bg, "audit-team", nil, client.AddCreditsRequest{Credits: 5})
	refused = append(refused, r6.StatusCode())
	r7, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "audit-org-1", TeamId: "audit-team"})
	refused = append(refused, r7.StatusCode())
	if !slices.Equal(refused, []int{400, 404, 403, 400, 404, 403, 400}) {
		t.Errorf("refused changes answered %v", refused)
	}
	// A no-op suspension/resumption is not a change either.
	if r, _ := m.oc.ResumeTeamWithResponse(bg, "audit-team"); r.StatusCode() != 200 {
		t.Errorf("resume an active team = %d", r.StatusCode())
	}

	secrets := []string{key1, key2, key3, apitest.MasterKey, m.owner.Token, admin.Token}
	for action, wants := range expect {
		entries, body := m.audit(action)
		if len(entries) != len(wants) {
			t.Errorf("%s: %d entries, want %d: %s", action, len(entries), len(wants), truncateBody(body))
			continue
		}
		for i, w := range wants {
			e := entries[len(entries)-1-i] // newest first
			uid := ""
			if e.UserId != nil {
				uid = e.UserId.String()
			}
			if e.Action != action || e.Actor != w.actor || uid != w.userID {
				t.Errorf("%s #%d: actor %s user %q, want %s %q", action, i, e.Actor, uid, w.actor, w.userID)
			}
			if e.ResourceId == nil || *e.ResourceId != w.resource || e.ResourceType == nil || *e.ResourceType == "" {
				t.Errorf("%s #%d: resource %v/%v, want %s", action, i, e.ResourceType, e.ResourceId, w.resource)
			}
			if e.IpAddress == nil || e.CreatedAt.IsZero() {
				t.Errorf("%s #%d: no ip or time", action, i)
			}
		}
		for _, s := range secrets {
			if strings.Contains(string(body), s) {
				t.Errorf("%s: a key or token leaked into the audit details", action)
			}
		}
	}
	// The credits entries carry what was added, not more.
	adds, _ := m.audit("added_credits")
	if len(adds) == 3 && fmt.Sprint(adds[2].Details["credits"]) != "50" {
		t.Errorf("added_credits details = %v", adds[2].Details)
	}
}
