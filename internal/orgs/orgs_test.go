package orgs_test

import (
	"sync"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

func TestCreateGetList(t *testing.T) {
	e := newEnv(t)
	created, err := e.orgs.Create(e.ctx, api.OrganizationCreate{
		OrganizationId: "acme", Name: "Acme", Metadata: &api.Metadata{"plan": "pro"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.Status != "active" || created.Metadata["plan"] != "pro" || created.Name != "Acme" {
		t.Errorf("created = %+v", created)
	}
	_, err = e.orgs.Create(e.ctx, api.OrganizationCreate{OrganizationId: "acme", Name: "Again"})
	if !apperr.IsKind(err, apperr.KindInvalid) || err.Error() != "Organization with ID 'acme' already exists" {
		t.Errorf("duplicate: err = %v", err)
	}
	e.org(t, "newer")
	e.org(t, "dormant")
	e.exec(t, `UPDATE organizations SET status = 'suspended' WHERE organization_id = 'dormant'`)

	list, err := e.orgs.List(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].OrganizationId != "newer" || list[1].OrganizationId != "acme" {
		t.Errorf("list = %+v", list)
	}
	// Get works whatever the status.
	if got, err := e.orgs.Get(e.ctx, "dormant"); err != nil || got.Status != "suspended" {
		t.Errorf("get suspended = %+v, %v", got, err)
	}
	if _, err := e.orgs.Get(e.ctx, "ghost"); !apperr.IsKind(err, apperr.KindNotFound) || err.Error() != "Organization 'ghost' not found" {
		t.Errorf("get unknown: err = %v", err)
	}
	var audited int
	if err := e.pool.QueryRow(e.ctx, `SELECT count(*) FROM admin_audit_log WHERE action = 'created_organization'`).Scan(&audited); err != nil || audited != 3 {
		t.Errorf("created_organization entries = %d, %v", audited, err)
	}
}

// TestConcurrentCreatesOfOneID: ON CONFLICT lets exactly one of many
// simultaneous creates win; the rest get the 400, none a server error.
func TestConcurrentCreatesOfOneID(t *testing.T) {
	e := newEnv(t)
	const n = 10
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.orgs.Create(e.ctx, api.OrganizationCreate{OrganizationId: "race", Name: "Race"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	won := 0
	for err := range errs {
		switch {
		case err == nil:
			won++
		case !apperr.IsKind(err, apperr.KindInvalid):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d creates succeeded, want 1", won)
	}
}

func TestTeams(t *testing.T) {
	e := newEnv(t)
	e.org(t, "acme")
	e.org(t, "other")
	e.team(t, "acme", "a1", 10)
	e.team(t, "acme", "a2", 0)
	e.team(t, "other", "o1", 5)

	got, err := e.orgs.Teams(e.ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got.OrganizationId != "acme" || got.TeamCount != 2 || len(got.Teams) != 2 {
		t.Fatalf("teams = %+v", got)
	}
	byID := map[string]api.OrganizationTeam{}
	for _, team := range got.Teams {
		byID[team.TeamId] = team
	}
	if a1 := byID["a1"]; a1.CreditsAllocated != 10 || a1.CreditsRemaining != 10 || a1.ModelGroups == nil || a1.Status != "active" {
		t.Errorf("a1 = %+v", a1)
	}
	empty, err := e.orgs.Teams(e.ctx, "other")
	if err != nil || empty.TeamCount != 1 {
		t.Errorf("other = %+v, %v", empty, err)
	}
	if _, err := e.orgs.Teams(e.ctx, "ghost"); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown org: err = %v", err)
	}
}
