package modelgroups_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

func names(g api.ModelGroup) string {
	s := ""
	for _, m := range g.Models {
		s += fmt.Sprintf("%s:%d ", m.ModelName, m.Priority)
	}
	return s
}

func TestCreateGetList(t *testing.T) {
	e := newEnv(t)
	g, err := e.groups.Create(e.ctx, api.ModelGroupCreate{
		GroupName: "gpt", Description: ptr("OpenAI"),
		Models: []api.ModelEntry{entry("z-fallback", 1), entry("b", 0), entry("a", 1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Models by priority, then name; display_name defaults to the name.
	if names(g) != "b:0 a:1 z-fallback:1 " || g.DisplayName != "gpt" || *g.Description != "OpenAI" || g.Status != "active" {
		t.Errorf("created = %+v (%s)", g, names(g))
	}
	e.group(t, "claude")
	got, err := e.groups.Get(e.ctx, "gpt")
	if err != nil || names(got) != names(g) || got.ModelGroupId != g.ModelGroupId {
		t.Errorf("get = %+v, %v", got, err)
	}
	list, err := e.groups.List(e.ctx)
	if err != nil || len(list) != 2 || list[0].GroupName != "claude" || list[0].Models == nil || names(list[1]) != names(g) {
		t.Errorf("list = %+v, %v", list, err)
	}

	_, err = e.groups.Create(e.ctx, api.ModelGroupCreate{GroupName: "gpt", Models: []api.ModelEntry{}})
	if !apperr.IsKind(err, apperr.KindInvalid) || err.Error() != "Model group 'gpt' already exists" {
		t.Errorf("duplicate: err = %v", err)
	}
	_, err = e.groups.Create(e.ctx, api.ModelGroupCreate{GroupName: "dup", Models: []api.ModelEntry{entry("a", 0), entry("a", 1)}})
	if !apperr.IsKind(err, apperr.KindValidation) {
		t.Errorf("duplicate model: err = %v", err)
	}
	if _, err := e.groups.Get(e.ctx, "dup"); !apperr.IsKind(err, apperr.KindNotFound) || err.Error() != "Model group 'dup' not found" {
		t.Errorf("get unknown: err = %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'created_model_group'`); n != 2 {
		t.Errorf("created_model_group entries = %d, want 2", n)
	}
}

func TestReplaceModels(t *testing.T) {
	e := newEnv(t)
	e.group(t, "gpt", entry("old", 0))
	e.team(t, "t1", "gpt")
	g, err := e.groups.ReplaceModels(e.ctx, "gpt", []api.ModelEntry{entry("new-b", 2), entry("new-a", 2), {ModelName: "primary"}})
	if err != nil {
		t.Fatal(err)
	}
	if names(g) != "primary:0 new-a:2 new-b:2 " {
		t.Errorf("replaced = %s", names(g))
	}
	// Teams see the new models at once.
	team, err := e.teams.Get(e.ctx, "t1")
	if err != nil || fmt.Sprint(team.AllowedModels) != "[primary new-a new-b]" {
		t.Errorf("team allowed models = %v, %v", team.AllowedModels, err)
	}
	if _, err := e.groups.ReplaceModels(e.ctx, "gpt", []api.ModelEntry{entry("x", 0), entry("x", 0)}); !apperr.IsKind(err, apperr.KindValidation) {
		t.Errorf("duplicate model: err = %v", err)
	}
	if _, err := e.groups.ReplaceModels(e.ctx, "nope", nil); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown group: err = %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'updated_model_group_models' AND resource_id = 'gpt'`); n != 1 {
		t.Errorf("updated_model_group_models entries = %d, want 1", n)
	}
}

func TestDeleteRefusedWhileAssigned(t *testing.T) {
	e := newEnv(t)
	e.group(t, "gpt", entry("gpt-4o", 0))
	e.team(t, "t1", "gpt")
	e.team(t, "t2", "gpt")

	err := e.groups.Delete(e.ctx, "gpt")
	if !apperr.IsKind(err, apperr.KindInvalid) || err.Error() != "Cannot delete model group 'gpt'. It is assigned to 2 team(s)." {
		t.Fatalf("delete while assigned: err = %v", err)
	}
	for _, team := range []string{"t1", "t2"} {
		if _, err := e.teams.AssignModelGroups(e.ctx, team, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.groups.Delete(e.ctx, "gpt"); err != nil {
		t.Fatalf("delete unassigned: %v", err)
	}
	if _, err := e.groups.Get(e.ctx, "gpt"); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("get deleted: err = %v", err)
	}
	if err := e.groups.Delete(e.ctx, "gpt"); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("delete twice: err = %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM model_group_models`); n != 0 {
		t.Errorf("models left behind: %d", n)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'deleted_model_group' AND resource_id = 'gpt'`); n != 1 {
		t.Errorf("deleted_model_group entries = %d, want 1", n)
	}
}

// TestDeleteRacesAssignment runs a delete and an assignment of the same
// group at once, many times. Either the delete wins (the assignment then
// finds no group: 404) or the assignment wins (the delete is refused: 400);
// never both, never a server error.
func TestDeleteRacesAssignment(t *testing.T) {
	e := newEnv(t)
	e.team(t, "t1")
	deleted, refused := 0, 0
	for i := range 30 {
		name := fmt.Sprintf("g%d", i)
		e.group(t, name, entry("m", 0))
		var delErr, assignErr error
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); delErr = e.groups.Delete(e.ctx, name) }()
		go func() { defer wg.Done(); _, assignErr = e.teams.AssignModelGroups(e.ctx, "t1", []string{name}) }()
		wg.Wait()
		switch {
		case delErr == nil && apperr.IsKind(assignErr, apperr.KindNotFound):
			deleted++
		case apperr.IsKind(delErr, apperr.KindInvalid) && assignErr == nil:
			refused++
		default:
			t.Fatalf("round %d: delete err = %v, assign err = %v", i, delErr, assignErr)
		}
		assigned := e.count(t, `SELECT count(*) FROM team_model_groups tmg JOIN model_groups g USING (model_group_id) WHERE g.group_name = $1`, name)
		exists := e.count(t, `SELECT count(*) FROM model_groups WHERE group_name = $1`, name)
		if (delErr == nil) != (exists == 0) || (assignErr == nil) != (assigned == 1) {
			t.Fatalf("round %d: group exists %d, assigned %d after delete %v / assign %v", i, exists, assigned, delErr, assignErr)
		}
	}
	t.Logf("30 races: delete won %d, assignment won %d", deleted, refused)
}
