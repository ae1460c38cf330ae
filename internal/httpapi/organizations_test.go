package httpapi_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saaslite/controlplane/gen/client"
)

// TestOrganizations covers create, get and list: the response shape, the
// duplicate rule, 404s, the master key, and that the list holds only active
// organizations, newest first.
func TestOrganizations(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)

	before := time.Now().Add(-time.Minute)
	cr, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{
		OrganizationId: "test_org_integration", Name: "Test Organization",
		Metadata: &client.Metadata{"plan": "pro", "seats": float64(5)},
	})
	if cr.JSON200 == nil {
		t.Fatalf("create = %d %s", cr.StatusCode(), cr.Body)
	}
	o := cr.JSON200
	if o.OrganizationId != "test_org_integration" || o.Name != "Test Organization" || o.Status != client.OrganizationStatusActive ||
		o.Metadata["plan"] != "pro" || o.Metadata["seats"] != float64(5) || o.CreatedAt.Before(before) || o.UpdatedAt.Before(before) {
		t.Errorf("created = %+v", o)
	}

	// Metadata defaults to {}; the master key creates too.
	mk, _ := m.mc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "org-by-master-key", Name: "Second"})
	if mk.JSON200 == nil || mk.JSON200.Metadata == nil || len(mk.JSON200.Metadata) != 0 {
		t.Fatalf("create by master key = %d %s", mk.StatusCode(), mk.Body)
	}
	// An id of exactly 255 characters, dots, dashes and underscores inside.
	long := "a" + strings.Repeat("b._-", 63) + "z"
	if len(long) != 254 {
		t.Fatalf("len = %d", len(long))
	}
	long += "9"
	lr, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: long, Name: "Long"})
	mgStatus(t, "255-char id", lr.StatusCode(), 200, lr.Body)

	// Duplicate: 400 with a detail naming the id, and the first one unchanged.
	dup, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "test_org_integration", Name: "Other name"})
	if dup.StatusCode() != 400 || dup.JSON400 == nil || !strings.Contains(dup.JSON400.Detail, "test_org_integration") || !strings.Contains(dup.JSON400.Detail, "already exists") {
		t.Errorf("duplicate = %d %s", dup.StatusCode(), dup.Body)
	}
	dupMK, _ := m.mc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "test_org_integration", Name: "Other name"})
	mgStatus(t, "duplicate by master key", dupMK.StatusCode(), 400, dupMK.Body)

	got, _ := m.oc.GetOrganizationWithResponse(bg, "test_org_integration")
	if got.JSON200 == nil || got.JSON200.Name != "Test Organization" || got.JSON200.Metadata["plan"] != "pro" || !got.JSON200.CreatedAt.Equal(o.CreatedAt) {
		t.Errorf("get = %d %s", got.StatusCode(), got.Body)
	}
	gl, _ := m.mc.GetOrganizationWithResponse(bg, long)
	mgStatus(t, "get 255-char id", gl.StatusCode(), 200, gl.Body)

	for _, id := range []string{"no-such-org", "test_org_integration.x"} {
		r, _ := m.oc.GetOrganizationWithResponse(bg, id)
		if r.StatusCode() != 404 || r.JSON404 == nil || !strings.Contains(r.JSON404.Detail, id) {
			t.Errorf("get %s = %d %s", id, r.StatusCode(), r.Body)
		}
		tr, _ := m.oc.ListOrganizationTeamsWithResponse(bg, id)
		mgStatus(t, "teams of "+id, tr.StatusCode(), 404, tr.Body)
		ur, _ := m.oc.GetOrganizationUsageWithResponse(bg, id, nil)
		mgStatus(t, "usage of "+id, ur.StatusCode(), 404, ur.Body)
	}

	list, _ := m.oc.ListOrganizationsWithResponse(bg)
	if list.JSON200 == nil {
		t.Fatalf("list = %d %s", list.StatusCode(), list.Body)
	}
	var ids []string
	for _, x := range *list.JSON200 {
		ids = append(ids, x.OrganizationId)
	}
	if strings.Join(ids, ",") != long+",org-by-master-key,test_org_integration" {
		t.Errorf("list (newest first) = %v", ids)
	}

	// Only active organizations are listed; a suspended one can still be read.
	if _, err := m.env.Pool.Exec(bg, "UPDATE organizations SET status = 'suspended' WHERE organization_id = 'org-by-master-key'"); err != nil {
		t.Fatal(err)
	}
	list, _ = m.mc.ListOrganizationsWithResponse(bg)
	for _, x := range *list.JSON200 {
		if x.OrganizationId == "org-by-master-key" || x.Status != client.OrganizationStatusActive {
			t.Errorf("list holds a suspended organization: %+v", x)
		}
	}
	if len(*list.JSON200) != 2 {
		t.Errorf("list after suspension = %s", list.Body)
	}
	sus, _ := m.oc.GetOrganizationWithResponse(bg, "org-by-master-key")
	if sus.JSON200 == nil || sus.JSON200.Status != client.OrganizationStatusSuspended {
		t.Errorf("get suspended = %d %s", sus.StatusCode(), sus.Body)
	}
}

// TestOrganizationBadIDs sends organization ids and names that break the
// schema through the generated client: each is a 422 and creates nothing.
func TestOrganizationBadIDs(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	ids := map[string]string{
		"empty":           "",
		"space inside":    "has space",
		"leading space":   " org",
		"trailing space":  "org ",
		"leading dot":     ".org",
		"leading dash":    "-org",
		"leading under":   "_org",
		"256 chars":       strings.Repeat("a", 256),
		"NUL":             "a\x00b",
		"control char":    "a\x01b",
		"newline":         "org\n",
		"tab":             "a\tb",
		"DEL":             "a\x7fb",
		"unicode letter":  "orgé",
		"unicode digit":   "org٣",
		"emoji":           "org😀",
		"slash":           "a/b",
		"percent":         "a%20b",
		"colon":           "a:b",
		"fullwidth":       "ｏｒｇ",
		"zero-width join": "a\u200db",
	}
	for name, id := range ids {
		r, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: id, Name: "X"})
		if r.StatusCode() != 422 || r.JSON422 == nil || r.JSON422.Detail == "" {
			t.Errorf("id %s (%q) = %d %s", name, id, r.StatusCode(), r.Body)
		}
	}
	names := map[string]string{
		"empty name":   "",
		"blank name":   "   ",
		"201 chars":    strings.Repeat("n", 201),
		"NUL in name":  "a\x00b",
		"newline name": "a\nb",
	}
	for what, name := range names {
		r, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "valid-id", Name: name})
		mgStatus(t, what, r.StatusCode(), 422, r.Body)
	}
	// A name of 200 characters with inner spaces and unicode is fine.
	ok, _ := m.oc.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "valid-id", Name: "Ünïcödé " + strings.Repeat("x", 192)})
	mgStatus(t, "200-char unicode name", ok.StatusCode(), 200, ok.Body)

	list, _ := m.oc.ListOrganizationsWithResponse(bg)
	if list.JSON200 == nil || len(*list.JSON200) != 1 {
		t.Errorf("organizations after bad input = %s", list.Body)
	}
}

// TestOrganizationTeams checks GET /organizations/{id}/teams: the shape,
// team_count, each team's groups and credits, and that another
// organization's teams are not included.
func TestOrganizationTeams(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("org-a")
	m.org("org-b")
	m.org("org-empty")
	m.group("gpt", "gpt-4o", "gpt-4o-mini")
	m.group("claude", "claude-3")
	m.team("org-a", "a1", 100, "gpt", "claude")
	m.team("org-a", "a2", 0)
	m.team("org-b", "b1", 7, "gpt")
	m.add("a2", 30)
	if r, _ := m.oc.SuspendTeamWithResponse(bg, "a2"); r.StatusCode() != 200 {
		t.Fatalf("suspend: %s", r.Body)
	}

	r, _ := m.oc.ListOrganizationTeamsWithResponse(bg, "org-a")
	if r.JSON200 == nil {
		t.Fatalf("teams = %d %s", r.StatusCode(), r.Body)
	}
	ot := r.JSON200
	if ot.OrganizationId != "org-a" || ot.TeamCount != 2 || len(ot.Teams) != 2 {
		t.Fatalf("teams of org-a = %s", r.Body)
	}
	byID := map[string]client.OrganizationTeam{}
	for _, x := range ot.Teams {
		byID[x.TeamId] = x
	}
	a1, a2 := byID["a1"], byID["a2"]
	if strings.Join(a1.ModelGroups, ",") != "claude,gpt" || a1.CreditsAllocated != 100 || a1.CreditsUsed != 0 || a1.CreditsRemaining != 100 ||
		a1.Status != client.TeamStatusActive || a1.TeamAlias == nil || *a1.TeamAlias != "Team a1" {
		t.Errorf("a1 = %+v", a1)
	}
	if len(a2.ModelGroups) != 0 || a2.CreditsAllocated != 30 || a2.CreditsRemaining != 30 || a2.Status != client.TeamStatusSuspended {
		t.Errorf("a2 = %+v", a2)
	}
	if strings.Contains(string(r.Body), `"b1"`) || strings.Contains(string(r.Body), "sk-") {
		t.Errorf("org-a's teams hold another organization's team or a key: %s", r.Body)
	}

	// The master key reads the same; an organization without teams has [].
	mb, _ := m.mc.ListOrganizationTeamsWithResponse(bg, "org-b")
	if mb.JSON200 == nil || mb.JSON200.TeamCount != 1 || mb.JSON200.Teams[0].TeamId != "b1" || mb.JSON200.Teams[0].CreditsRemaining != 7 {
		t.Errorf("teams of org-b = %s", mb.Body)
	}
	empty, _ := m.oc.ListOrganizationTeamsWithResponse(bg, "org-empty")
	if empty.JSON200 == nil || empty.JSON200.TeamCount != 0 || empty.JSON200.Teams == nil || !strings.Contains(string(empty.Body), `"teams":[]`) {
		t.Errorf("teams of an empty organization = %s", empty.Body)
	}
}

// TestOrganizationUsage checks the usage report: the period (current month
// by default, or the one asked for), per-team figures and the summary
// computed from the ledger, the balance now, and 422 for a bad period.
func TestOrganizationUsage(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("usage-org")
	m.org("usage-other")
	m.team("usage-org", "ua", 100)
	m.add("ua", 50)
	m.add("ua", 25)
	m.team("usage-org", "ub", 0)
	m.add("ub", 10)
	m.team("usage-org", "uc", 0) // no ledger entries at all
	m.team("usage-other", "ux", 999)

	// A ledger entry of March 2024 for ua, and a deduction this month for
	// ub, written as the ledger would (the API has no deduction endpoint):
	// balance row and entry change together.
	seed := []string{
		`UPDATE team_credits SET credits_allocated = credits_allocated + 1000 WHERE team_id = 'ua'`,
		`INSERT INTO credit_transactions (team_id, organization_id, transaction_type, credits_amount, credits_before, credits_after, reason, actor, created_at)
		 VALUES ('ua', 'usage-org', 'allocation', 1000, 175, 1175, 'back-dated', 'system', '2024-03-15T12:00:00Z')`,
		`UPDATE team_credits SET credits_used = credits_used + 4 WHERE team_id = 'ub'`,
		`INSERT INTO credit_transactions (team_id, organization_id, transaction_type, credits_amount, credits_before, credits_after, reason, actor)
		 VALUES ('ub', 'usage-org', 'deduction', -4, 10, 6, 'usage', 'system')`,
	}
	for _, q := range seed {
		if _, err := m.env.Pool.Exec(bg, q); err != nil {
			t.Fatal(err)
		}
	}

	thisMonth := func() string { return time.Now().UTC().Format("2006-01") }
	p0 := thisMonth()
	def, _ := m.oc.GetOrganizationUsageWithResponse(bg, "usage-org", nil)
	p1 := thisMonth()
	if def.JSON200 == nil {
		t.Fatalf("usage = %d %s", def.StatusCode(), def.Body)
	}
	u := def.JSON200
	if u.Period != p0 && u.Period != p1 {
		t.Errorf("default period = %q, want %q", u.Period, p1)
	}
	start, _ := time.Parse("2006-01", u.Period)
	if !u.PeriodStart.Equal(start) || !u.PeriodEnd.Equal(start.AddDate(0, 1, 0)) || u.OrganizationId != "usage-org" {
		t.Errorf("period bounds = %s..%s", u.PeriodStart, u.PeriodEnd)
	}
	type fig struct {
		alloc, used, refunded, adjusted int64
		txs                             int
		remaining                       int64
	}
	teamFig := func(x client.TeamUsage) fig {
		return fig{x.CreditsAllocated, x.CreditsUsed, x.CreditsRefunded, x.CreditsAdjusted, x.Transactions, x.CreditsRemaining}
	}
	wantTeams := map[string]fig{
		"ua": {175, 0, 0, 0, 3, 1175}, // 100 at creation + 50 + 25; balance includes the back-dated 1000
		"ub": {10, 4, 0, 0, 2, 6},
		"uc": {0, 0, 0, 0, 0, 0},
	}
	if len(u.Teams) != len(wantTeams) {
		t.Errorf("teams = %v", u.Teams)
	}
	for id, w := range wantTeams {
		if got := teamFig(u.Teams[id]); got != w {
			t.Errorf("current month, team %s = %+v, want %+v", id, got, w)
		}
	}
	s := u.Summary
	if s.TeamCount != 3 || s.CreditsAllocated != 185 || s.CreditsUsed != 4 || s.CreditsRefunded != 0 || s.CreditsAdjusted != 0 ||
		s.Transactions != 5 || s.CreditsRemaining != 1181 {
		t.Errorf("current month summary = %+v", s)
	}

	// The same month asked for explicitly gives the same figures.
	exp, _ := m.mc.GetOrganizationUsageWithResponse(bg, "usage-org", &client.GetOrganizationUsageParams{Period: ptr(u.Period)})
	if exp.JSON200 == nil || exp.JSON200.Summary != u.Summary || exp.JSON200.Period != u.Period {
		t.Errorf("explicit current period = %s", exp.Body)
	}

	// March 2024 holds only the back-dated entry; balances are still today's.
	past, _ := m.oc.GetOrganizationUsageWithResponse(bg, "usage-org", &client.GetOrganizationUsageParams{Period: ptr("2024-03")})
	if past.JSON200 == nil {
		t.Fatalf("2024-03 = %d %s", past.StatusCode(), past.Body)
	}
	pu := past.JSON200
	if pu.Period != "2024-03" || !pu.PeriodStart.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) || !pu.PeriodEnd.Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("2024-03 bounds = %s %s..%s", pu.Period, pu.PeriodStart, pu.PeriodEnd)
	}
	if got := teamFig(pu.Teams["ua"]); got != (fig{1000, 0, 0, 0, 1, 1175}) {
		t.Errorf("2024-03 ua = %+v", got)
	}
	if got := teamFig(pu.Teams["ub"]); got != (fig{0, 0, 0, 0, 0, 6}) {
		t.Errorf("2024-03 ub = %+v", got)
	}
	if pu.Summary.CreditsAllocated != 1000 || pu.Summary.Transactions != 1 || pu.Summary.TeamCount != 3 || pu.Summary.CreditsRemaining != 1181 {
		t.Errorf("2024-03 summary = %+v", pu.Summary)
	}
	// A month with nothing: zeros, every team still listed.
	none, _ := m.oc.GetOrganizationUsageWithResponse(bg, "usage-org", &client.GetOrganizationUsageParams{Period: ptr("1999-12")})
	if none.JSON200 == nil || none.JSON200.Summary.Transactions != 0 || none.JSON200.Summary.CreditsAllocated != 0 || len(none.JSON200.Teams) != 3 {
		t.Errorf("1999-12 = %s", none.Body)
	}
	// December: the period ends on the first of January.
	if none.JSON200 != nil && !none.JSON200.PeriodEnd.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("1999-12 ends %s", none.JSON200.PeriodEnd)
	}

	// An organization without teams.
	m.org("usage-empty")
	e, _ := m.oc.GetOrganizationUsageWithResponse(bg, "usage-empty", nil)
	if e.JSON200 == nil || e.JSON200.Summary.TeamCount != 0 || len(e.JSON200.Teams) != 0 {
		t.Errorf("usage of an empty organization = %s", e.Body)
	}

	for _, bad := range []string{"2025-13", "2025-1", "2025-00", "25-10", "2025-10-01", "2025/10", "abcd-ef", "2025-1x", " 2025-10", "202510", "1969-12", "3000-01", "0000-01"} {
		r, _ := m.oc.GetOrganizationUsageWithResponse(bg, "usage-org", &client.GetOrganizationUsageParams{Period: ptr(bad)})
		if r.StatusCode() != 422 || r.JSON422 == nil || !strings.Contains(r.JSON422.Detail, "period") {
			t.Errorf("period %q = %d %s", bad, r.StatusCode(), r.Body)
		}
	}
	// The bad period is reported before the unknown organization.
	r, _ := m.oc.GetOrganizationUsageWithResponse(bg, "no-such-org", &client.GetOrganizationUsageParams{Period: ptr("2025-13")})
	mgStatus(t, "bad period, unknown org", r.StatusCode(), 422, r.Body)
	r, _ = m.oc.GetOrganizationUsageWithResponse(bg, "no-such-org", &client.GetOrganizationUsageParams{Period: ptr("2025-10")})
	mgStatus(t, "good period, unknown org", r.StatusCode(), 404, r.Body)
}

// TestManagementConcurrentDuplicates creates the same organization, model
// group and team from many clients at once: exactly one of each succeeds,
// the others get 400 (never a 500), and one audit entry is written each.
func TestManagementConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("dup-base")
	const callers = 12
	type call func(c *client.ClientWithResponses) int
	creates := map[string]call{
		"created_organization": func(c *client.ClientWithResponses) int {
			r, err := c.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "dup-org", Name: "Dup"})
			if err != nil {
				return 0
			}
			return r.StatusCode()
		},
		"created_model_group": func(c *client.ClientWithResponses) int {
			r, err := c.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "dup-group", Models: client.ModelEntryList{{ModelName: "m"}}})
			if err != nil {
				return 0
			}
			return r.StatusCode()
		},
		"created_team": func(c *client.ClientWithResponses) int {
			r, err := c.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "dup-base", TeamId: "dup-team", CreditsAllocated: ptr(int64(10))})
			if err != nil {
				return 0
			}
			return r.StatusCode()
		},
	}
	for action, create := range creates {
		codes := make(chan int, callers)
		var wg sync.WaitGroup
		for i := range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes <- create(m.alternate(i))
			}()
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		if count[200] != 1 || count[400] != callers-1 {
			t.Errorf("%s: statuses %v, want one 200 and %d × 400", action, count, callers-1)
		}
		entries, _ := m.audit(action)
		want := 1
		if action == "created_organization" {
			want = 2 // dup-base too
		}
		if len(entries) != want {
			t.Errorf("%s: %d audit entries, want %d", action, len(entries), want)
		}
	}
	if l := m.ledger("dup-team"); l.Total != 1 || m.balance("dup-team").CreditsRemaining != 10 {
		t.Errorf("dup-team ledger = %+v", l)
	}
}
