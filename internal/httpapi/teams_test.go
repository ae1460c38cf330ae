package httpapi_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// TestTeamCreate checks the creation response (the key shown once, the
// groups, the union of their models, the credits), that later reads only
// show the key masked, and that the initial allocation is a ledger entry.
func TestTeamCreate(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("team-org")
	// gpt-4o is in both groups at different priorities: it appears once,
	// at its best one.
	m.group("g-one", "gpt-4o", "gpt-4o-mini", "o1")
	m.group("g-two", "claude-3", "gpt-4o")

	r, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{
		OrganizationId: "team-org", TeamId: "test_team_integration", TeamAlias: ptr("Test Team"),
		ModelGroups: &[]string{"g-two", "g-one", "g-two"}, CreditsAllocated: ptr(int64(100)),
		Metadata: &client.Metadata{"cost_center": "42"},
	})
	if r.JSON200 == nil {
		t.Fatalf("create = %d %s", r.StatusCode(), r.Body)
	}
	c := r.JSON200
	key := c.VirtualKey
	if !strings.HasPrefix(key, "sk-") || len(key) < 32 {
		t.Errorf("virtual_key %q is not a long sk- key", key)
	}
	if !strings.HasPrefix(key, c.KeyPrefix) || len(c.KeyPrefix) < 4 || len(c.KeyPrefix) > 16 {
		t.Errorf("key_prefix %q of key %q", c.KeyPrefix, key)
	}
	if c.TeamId != "test_team_integration" || c.OrganizationId != "team-org" || c.TeamAlias == nil || *c.TeamAlias != "Test Team" ||
		c.CreditsAllocated != 100 || c.CreditsRemaining != 100 || c.Message == "" {
		t.Errorf("created = %+v", c)
	}
	if strings.Join(c.ModelGroups, ",") != "g-one,g-two" {
		t.Errorf("model_groups = %v", c.ModelGroups)
	}
	if mgSet(c.AllowedModels) != "claude-3,gpt-4o,gpt-4o-mini,o1" || len(c.AllowedModels) != 4 {
		t.Errorf("allowed_models (the union, each model once) = %v", c.AllowedModels)
	}

	// The key works; the plaintext never appears again.
	kb, _ := m.env.Client(apitest.Bearer(key)).GetCreditBalanceWithResponse(bg, c.TeamId)
	mgStatus(t, "new key on its balance", kb.StatusCode(), 200, kb.Body)

	g, _ := m.oc.GetTeamWithResponse(bg, c.TeamId)
	if g.JSON200 == nil {
		t.Fatalf("get = %d %s", g.StatusCode(), g.Body)
	}
	tm := g.JSON200
	if tm.VirtualKey != c.KeyPrefix+"…" || tm.KeyPrefix != c.KeyPrefix {
		t.Errorf("masked key = %q prefix %q", tm.VirtualKey, tm.KeyPrefix)
	}
	if tm.Status != client.TeamStatusActive || tm.OrganizationId != "team-org" || tm.CreditsAllocated != 100 || tm.CreditsUsed != 0 ||
		tm.CreditsRemaining != 100 || tm.Credits.CreditsRemaining != 100 || tm.Credits.TeamId != c.TeamId || tm.Credits.Status != client.TeamStatusActive ||
		tm.Metadata["cost_center"] != "42" || strings.Join(tm.ModelGroups, ",") != "g-one,g-two" ||
		strings.Join(tm.AllowedModels, ",") != strings.Join(c.AllowedModels, ",") {
		t.Errorf("team = %s", g.Body)
	}
	list, _ := m.mc.ListTeamsWithResponse(bg)
	ot, _ := m.oc.ListOrganizationTeamsWithResponse(bg, "team-org")
	logs, _ := m.oc.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Limit: ptr(500)})
	for name, body := range map[string][]byte{"get": g.Body, "list": list.Body, "org teams": ot.Body, "audit": logs.Body} {
		if strings.Contains(string(body), key) || strings.Contains(string(body), key[len(c.KeyPrefix):]) {
			t.Errorf("%s shows the plaintext key", name)
		}
	}
	if list.JSON200 == nil || len(*list.JSON200) != 1 || (*list.JSON200)[0].VirtualKey != c.KeyPrefix+"…" {
		t.Errorf("list = %s", list.Body)
	}
	var stored int
	if err := m.env.Pool.QueryRow(bg, "SELECT count(*) FROM team_keys WHERE team_id = $1 AND key_hash = sha256(convert_to($2, 'UTF8'))", c.TeamId, key).Scan(&stored); err != nil || stored != 1 {
		t.Errorf("the key is not stored as its SHA-256: %v %d", err, stored)
	}

	// The initial allocation is an ordinary 'allocation' ledger entry.
	l := m.ledger(c.TeamId)
	if l.Total != 1 || len(l.Transactions) != 1 {
		t.Fatalf("ledger = %+v", l)
	}
	e := l.Transactions[0]
	if e.TransactionType != client.Allocation || e.CreditsAmount != 100 || e.CreditsBefore != 0 || e.CreditsAfter != 100 ||
		e.TeamId != c.TeamId || e.OrganizationId != "team-org" || e.Actor != "user:"+m.owner.User.UserId.String() {
		t.Errorf("initial entry = %+v", e)
	}

	// No groups, no credits, no alias: empty lists, no ledger entry.
	bare, _ := m.mc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "team-org", TeamId: "bare"})
	if bare.JSON200 == nil || bare.JSON200.CreditsAllocated != 0 || bare.JSON200.ModelGroups == nil || len(bare.JSON200.ModelGroups) != 0 ||
		bare.JSON200.AllowedModels == nil || len(bare.JSON200.AllowedModels) != 0 || bare.JSON200.TeamAlias != nil {
		t.Errorf("bare team = %d %s", bare.StatusCode(), bare.Body)
	}
	if bare.JSON200 != nil && bare.JSON200.VirtualKey == key {
		t.Error("two teams got the same key")
	}
	if l := m.ledger("bare"); l.Total != 0 {
		t.Errorf("zero allocation wrote a ledger entry: %+v", l)
	}

	// The largest initial allocation.
	big, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "team-org", TeamId: "big", CreditsAllocated: ptr(int64(1_000_000_000))})
	if big.JSON200 == nil || big.JSON200.CreditsRemaining != 1_000_000_000 {
		t.Errorf("1e9 allocation = %d %s", big.StatusCode(), big.Body)
	}
}

// TestTeamCreateErrors checks 404 for an unknown organization or model
// group, 400 for a taken id, 422 for bad credits, and that none of them
// leaves anything behind.
func TestTeamCreateErrors(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("err-org")
	m.org("err-org-2")
	m.group("known", "m1")
	m.team("err-org", "taken", 10)

	noOrg, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "no-such-org", TeamId: "t-new", CreditsAllocated: ptr(int64(5))})
	if noOrg.StatusCode() != 404 || noOrg.JSON404 == nil || !strings.Contains(noOrg.JSON404.Detail, "no-such-org") {
		t.Errorf("unknown organization = %d %s", noOrg.StatusCode(), noOrg.Body)
	}
	noGroup, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "err-org", TeamId: "t-new", ModelGroups: &[]string{"known", "no-such-group"}, CreditsAllocated: ptr(int64(5))})
	if noGroup.StatusCode() != 404 || noGroup.JSON404 == nil || !strings.Contains(noGroup.JSON404.Detail, "no-such-group") {
		t.Errorf("unknown model group = %d %s", noGroup.StatusCode(), noGroup.Body)
	}
	dup, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "err-org", TeamId: "taken", CreditsAllocated: ptr(int64(5))})
	if dup.StatusCode() != 400 || dup.JSON400 == nil || !strings.Contains(dup.JSON400.Detail, "taken") {
		t.Errorf("duplicate = %d %s", dup.StatusCode(), dup.Body)
	}
	// Team ids are global, not per organization.
	dup2, _ := m.mc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "err-org-2", TeamId: "taken"})
	mgStatus(t, "duplicate in another organization", dup2.StatusCode(), 400, dup2.Body)
	for _, credits := range []int64{-1, 1_000_000_001} {
		r, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "err-org", TeamId: "t-new", CreditsAllocated: ptr(credits)})
		mgStatus(t, "credits_allocated out of range", r.StatusCode(), 422, r.Body)
	}
	for _, id := range []string{"a b", ".dot", "-dash", strings.Repeat("t", 256), "t\x01", "tëam"} {
		r, _ := m.oc.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "err-org", TeamId: id})
		mgStatus(t, "team id "+id, r.StatusCode(), 422, r.Body)
	}

	// Nothing was written: no team t-new, the taken one unchanged, one
	// ledger entry in all.
	if r, _ := m.oc.GetTeamWithResponse(bg, "t-new"); r.StatusCode() != 404 {
		t.Errorf("a refused create left team t-new: %d", r.StatusCode())
	}
	if tm := m.getTeam("taken"); tm.OrganizationId != "err-org" || tm.CreditsRemaining != 10 {
		t.Errorf("taken team changed: %+v", tm)
	}
	var entries, teams int
	if err := m.env.Pool.QueryRow(bg, "SELECT (SELECT count(*) FROM credit_transactions), (SELECT count(*) FROM teams)").Scan(&entries, &teams); err != nil {
		t.Fatal(err)
	}
	if entries != 1 || teams != 1 {
		t.Errorf("after refused creates: %d ledger entries, %d teams", entries, teams)
	}
	created, _ := m.audit("created_team")
	if len(created) != 1 {
		t.Errorf("created_team entries = %d", len(created))
	}
}

// TestTeamGetAndList checks 404 for unknown teams and the list order.
func TestTeamGetAndList(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("list-org")
	empty, _ := m.oc.ListTeamsWithResponse(bg)
	if empty.JSON200 == nil || len(*empty.JSON200) != 0 || strings.TrimSpace(string(empty.Body)) != "[]" {
		t.Errorf("empty list = %s", empty.Body)
	}
	m.team("list-org", "first", 1)
	m.team("list-org", "second", 2)
	m.team("list-org", "third", 3)
	list, _ := m.oc.ListTeamsWithResponse(bg)
	var ids []string
	for _, x := range *list.JSON200 {
		ids = append(ids, x.TeamId)
		if x.CreditsRemaining != x.Credits.CreditsRemaining || !strings.HasSuffix(x.VirtualKey, "…") {
			t.Errorf("team in list = %+v", x)
		}
	}
	if strings.Join(ids, ",") != "third,second,first" {
		t.Errorf("list (newest first) = %v", ids)
	}
	for _, id := range []string{"no-such-team", "first.x"} {
		r, _ := m.oc.GetTeamWithResponse(bg, id)
		if r.StatusCode() != 404 || r.JSON404 == nil || !strings.Contains(r.JSON404.Detail, id) {
			t.Errorf("get %s = %d %s", id, r.StatusCode(), r.Body)
		}
	}
}

// TestTeamAssignModelGroups checks that assignment takes a bare array,
// replaces the whole set, recomputes allowed_models, refuses unknown groups
// and teams without changing anything, and is audited.
func TestTeamAssignModelGroups(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("assign-org")
	m.group("ga", "a1", "a2")
	m.group("gb", "b1")
	m.group("gc", "c1", "a1")
	m.team("assign-org", "assignee", 0, "ga")

	r, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "assignee", client.GroupNameList{"gc", "gb"})
	if r.JSON200 == nil {
		t.Fatalf("assign = %d %s", r.StatusCode(), r.Body)
	}
	if r.JSON200.TeamId != "assignee" || strings.Join(r.JSON200.ModelGroups, ",") != "gb,gc" ||
		mgSet(r.JSON200.AllowedModels) != "a1,b1,c1" || len(r.JSON200.AllowedModels) != 3 || r.JSON200.Message == "" {
		t.Errorf("assign = %s", r.Body)
	}
	if tm := m.getTeam("assignee"); strings.Join(tm.ModelGroups, ",") != "gb,gc" || mgSet(tm.AllowedModels) != "a1,b1,c1" {
		t.Errorf("after assign, team = %v %v", tm.ModelGroups, tm.AllowedModels)
	}

	// The body is a bare JSON array (as the raw bytes show); duplicates count once.
	resp, body := m.raw("PUT", "/api/teams/assignee/model-groups", `["ga","ga","gb"]`, nil)
	mgStatus(t, "bare array", resp.StatusCode, 200, body)
	if tm := m.getTeam("assignee"); strings.Join(tm.ModelGroups, ",") != "ga,gb" {
		t.Errorf("after raw assign = %v", tm.ModelGroups)
	}
	resp, body = m.raw("PUT", "/api/teams/assignee/model-groups", `{"model_groups":["gc"]}`, nil)
	mgStatus(t, "object instead of array", resp.StatusCode, 422, body)

	// Unknown group: 404 naming it, and the set is unchanged.
	nf, _ := m.mc.AssignTeamModelGroupsWithResponse(bg, "assignee", client.GroupNameList{"gc", "nope"})
	if nf.StatusCode() != 404 || nf.JSON404 == nil || !strings.Contains(nf.JSON404.Detail, "nope") {
		t.Errorf("unknown group = %d %s", nf.StatusCode(), nf.Body)
	}
	if tm := m.getTeam("assignee"); strings.Join(tm.ModelGroups, ",") != "ga,gb" {
		t.Errorf("a refused assignment changed the groups: %v", tm.ModelGroups)
	}
	ut, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "no-such-team", client.GroupNameList{"ga"})
	mgStatus(t, "unknown team", ut.StatusCode(), 404, ut.Body)

	// An empty array removes every group.
	clear, _ := m.mc.AssignTeamModelGroupsWithResponse(bg, "assignee", client.GroupNameList{})
	if clear.JSON200 == nil || len(clear.JSON200.ModelGroups) != 0 || len(clear.JSON200.AllowedModels) != 0 {
		t.Errorf("clear = %d %s", clear.StatusCode(), clear.Body)
	}
	if tm := m.getTeam("assignee"); len(tm.ModelGroups) != 0 || len(tm.AllowedModels) != 0 {
		t.Errorf("after clear = %v %v", tm.ModelGroups, tm.AllowedModels)
	}

	entries, _ := m.audit("assigned_model_groups")
	if len(entries) != 3 {
		t.Errorf("assigned_model_groups entries = %d, want 3", len(entries))
	}
}

// TestTeamSuspendResume checks that a suspended team's key gets 403 until
// the team is resumed, that admins still read it, and 404 for unknown teams.
func TestTeamSuspendResume(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("sus-org")
	tc := m.team("sus-org", "sus-team", 20)
	kc := m.env.Client(apitest.Bearer(tc.VirtualKey))

	if r, _ := kc.GetCreditBalanceWithResponse(bg, "sus-team"); r.StatusCode() != 200 {
		t.Fatalf("key before suspension = %d", r.StatusCode())
	}
	s, _ := m.oc.SuspendTeamWithResponse(bg, "sus-team")
	if s.JSON200 == nil || s.JSON200.Status != client.TeamStatusSuspended || s.JSON200.Credits.Status != client.TeamStatusSuspended ||
		!strings.HasSuffix(s.JSON200.VirtualKey, "…") {
		t.Fatalf("suspend = %d %s", s.StatusCode(), s.Body)
	}
	for name, code := range map[string]int{
		"balance":      func() int { r, _ := kc.GetCreditBalanceWithResponse(bg, "sus-team"); return r.StatusCode() }(),
		"transactions": func() int { r, _ := kc.ListCreditTransactionsWithResponse(bg, "sus-team", nil); return r.StatusCode() }(),
		"check":        func() int { r, _ := kc.CheckCreditsWithResponse(bg, "sus-team", nil); return r.StatusCode() }(),
	} {
		mgStatus(t, "suspended key: "+name, code, 403, nil)
	}
	// Admins still see it, suspended; the org's team list says so too.
	if b := m.balance("sus-team"); b.Status != client.TeamStatusSuspended || b.CreditsRemaining != 20 {
		t.Errorf("balance of a suspended team = %+v", b)
	}
	// Suspending twice is harmless and audited once.
	again, _ := m.mc.SuspendTeamWithResponse(bg, "sus-team")
	if again.JSON200 == nil || again.JSON200.Status != client.TeamStatusSuspended {
		t.Errorf("suspend again = %d %s", again.StatusCode(), again.Body)
	}

	res, _ := m.mc.ResumeTeamWithResponse(bg, "sus-team")
	if res.JSON200 == nil || res.JSON200.Status != client.TeamStatusActive {
		t.Fatalf("resume = %d %s", res.StatusCode(), res.Body)
	}
	if r, _ := kc.GetCreditBalanceWithResponse(bg, "sus-team"); r.StatusCode() != 200 {
		t.Errorf("key after resume = %d %s", r.StatusCode(), r.Body)
	}
	for _, call := range []func() (int, []byte){
		func() (int, []byte) {
			r, _ := m.oc.SuspendTeamWithResponse(bg, "no-such-team")
			return r.StatusCode(), r.Body
		},
		func() (int, []byte) {
			r, _ := m.oc.ResumeTeamWithResponse(bg, "no-such-team")
			return r.StatusCode(), r.Body
		},
	} {
		code, body := call()
		mgStatus(t, "unknown team", code, 404, body)
	}
	sus, _ := m.audit("suspended_team")
	resumed, _ := m.audit("resumed_team")
	if len(sus) != 1 || len(resumed) != 1 {
		t.Errorf("suspended_team %d, resumed_team %d entries; want 1 each", len(sus), len(resumed))
	}
}

// TestTeamRotateKey checks key rotation with and without a grace period,
// the response, 404 for an unknown team and 422 for a grace beyond 7 days.
func TestTeamRotateKey(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("rot-org")
	tc := m.team("rot-org", "rot-team", 10)
	status := func(key string) int {
		r, _ := m.env.Client(apitest.Bearer(key)).GetCreditBalanceWithResponse(bg, "rot-team")
		return r.StatusCode()
	}
	k0 := tc.VirtualKey

	// Grace 0: the old key dies at once.
	before := time.Now()
	r, _ := m.oc.RotateTeamKeyWithResponse(bg, "rot-team", client.RotateKeyRequest{GracePeriodSeconds: ptr(0)})
	if r.JSON200 == nil {
		t.Fatalf("rotate = %d %s", r.StatusCode(), r.Body)
	}
	k1 := r.JSON200.VirtualKey
	if r.JSON200.TeamId != "rot-team" || !strings.HasPrefix(k1, "sk-") || len(k1) < 32 || k1 == k0 ||
		!strings.HasPrefix(k1, r.JSON200.KeyPrefix) || r.JSON200.Message == "" {
		t.Errorf("rotated = %s", r.Body)
	}
	if exp := r.JSON200.PreviousKeyExpiresAt; exp == nil || exp.Before(before.Add(-time.Minute)) || exp.After(time.Now().Add(time.Minute)) {
		t.Errorf("previous_key_expires_at = %v, want about now", exp)
	}
	mgStatus(t, "old key after rotation without grace", status(k0), 401, nil)
	mgStatus(t, "new key", status(k1), 200, nil)
	if tm := m.getTeam("rot-team"); tm.KeyPrefix != r.JSON200.KeyPrefix || tm.VirtualKey != r.JSON200.KeyPrefix+"…" {
		t.Errorf("team after rotation shows %q / %q", tm.KeyPrefix, tm.VirtualKey)
	}

	// A grace of an hour: the old key keeps working, the new one works.
	r2, _ := m.mc.RotateTeamKeyWithResponse(bg, "rot-team", client.RotateKeyRequest{GracePeriodSeconds: ptr(3600)})
	if r2.JSON200 == nil {
		t.Fatalf("rotate with grace = %d %s", r2.StatusCode(), r2.Body)
	}
	k2 := r2.JSON200.VirtualKey
	if exp := r2.JSON200.PreviousKeyExpiresAt; exp == nil || time.Until(*exp) < 59*time.Minute || time.Until(*exp) > 61*time.Minute {
		t.Errorf("previous_key_expires_at with an hour of grace = %v", exp)
	}
	mgStatus(t, "old key within grace", status(k1), 200, nil)
	mgStatus(t, "new key with grace", status(k2), 200, nil)
	mgStatus(t, "first key stays dead", status(k0), 401, nil)

	// No body at all means no grace: both older keys end now.
	resp, body := m.raw("POST", "/api/teams/rot-team/rotate-key", "", map[string]string{"Content-Type": ""})
	mgStatus(t, "rotate without a body", resp.StatusCode, 200, body)
	mgStatus(t, "graced key after a rotation without grace", status(k1), 401, nil)
	mgStatus(t, "second key after a rotation without grace", status(k2), 401, nil)
	// An empty object is the default too.
	resp, body = m.raw("POST", "/api/teams/rot-team/rotate-key", "{}", nil)
	mgStatus(t, "rotate with {}", resp.StatusCode, 200, body)

	// Seven days exactly is allowed; one second more is not.
	r3, _ := m.oc.RotateTeamKeyWithResponse(bg, "rot-team", client.RotateKeyRequest{GracePeriodSeconds: ptr(604800)})
	mgStatus(t, "grace 604800", r3.StatusCode(), 200, r3.Body)
	k3 := ""
	if r3.JSON200 != nil {
		k3 = r3.JSON200.VirtualKey
	}
	for _, grace := range []int{604801, -1, 1 << 40} {
		bad, _ := m.oc.RotateTeamKeyWithResponse(bg, "rot-team", client.RotateKeyRequest{GracePeriodSeconds: ptr(grace)})
		if bad.StatusCode() != 422 || bad.JSON422 == nil || !strings.Contains(bad.JSON422.Detail, "grace_period_seconds") {
			t.Errorf("grace %d = %d %s", grace, bad.StatusCode(), bad.Body)
		}
	}
	if k3 != "" {
		mgStatus(t, "key after refused rotations", status(k3), 200, nil)
	}
	nf, _ := m.oc.RotateTeamKeyWithResponse(bg, "no-such-team", client.RotateKeyRequest{})
	mgStatus(t, "rotate unknown team", nf.StatusCode(), 404, nf.Body)

	rotations, body := m.audit("rotated_team_key")
	if len(rotations) != 5 {
		t.Errorf("rotated_team_key entries = %d, want 5", len(rotations))
	}
	for _, k := range []string{k0, k1, k2, k3} {
		if k != "" && strings.Contains(string(body), k) {
			t.Error("a key leaked into the rotation audit")
		}
	}
}

// mgSet renders a list as its sorted, comma-joined elements.
func mgSet(xs []string) string {
	c := slices.Clone(xs)
	slices.Sort(c)
	return strings.Join(c, ",")
}
