package httpapi_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/client"
)

// mgModels renders a group's models as "name:priority,...".
func mgModels(ms []client.ModelGroupModel) string {
	parts := make([]string, 0, len(ms))
	for _, x := range ms {
		parts = append(parts, fmt.Sprintf("%s:%d", x.ModelName, x.Priority))
	}
	return strings.Join(parts, ",")
}

// TestModelGroupCreate checks creation (display_name defaulting to the
// name, models ordered by priority), get, list, and the duplicate rules.
func TestModelGroupCreate(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)

	r, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{
		GroupName: "gpt-models", DisplayName: ptr("GPT models"), Description: ptr("OpenAI chat models"),
		Models: client.ModelEntryList{
			{ModelName: "gpt-3.5", Priority: ptr(2)},
			{ModelName: "gpt-4o", Priority: ptr(0)},
			{ModelName: "gpt-4o-mini", Priority: ptr(1)},
		},
	})
	if r.JSON200 == nil {
		t.Fatalf("create = %d %s", r.StatusCode(), r.Body)
	}
	g := r.JSON200
	if g.GroupName != "gpt-models" || g.DisplayName != "GPT models" || g.Description == nil || *g.Description != "OpenAI chat models" ||
		g.Status != "active" || g.ModelGroupId == uuid.Nil || g.CreatedAt.IsZero() {
		t.Errorf("created = %s", r.Body)
	}
	if got := mgModels(g.Models); got != "gpt-4o:0,gpt-4o-mini:1,gpt-3.5:2" {
		t.Errorf("models by priority = %s", got)
	}

	// display_name defaults to the group name; priority defaults to 0;
	// description may be left out.
	d, _ := m.mc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{
		GroupName: "claude-models", Models: client.ModelEntryList{{ModelName: "claude-3-haiku", Priority: ptr(5)}, {ModelName: "claude-3-opus"}},
	})
	if d.JSON200 == nil || d.JSON200.DisplayName != "claude-models" || d.JSON200.Description != nil {
		t.Fatalf("defaults = %d %s", d.StatusCode(), d.Body)
	}
	if got := mgModels(d.JSON200.Models); got != "claude-3-opus:0,claude-3-haiku:5" {
		t.Errorf("default priority = %s", got)
	}
	// A group may start empty; the models field is still a list.
	e, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "empty", Models: client.ModelEntryList{}})
	if e.JSON200 == nil || e.JSON200.Models == nil || len(e.JSON200.Models) != 0 {
		t.Errorf("empty group = %d %s", e.StatusCode(), e.Body)
	}

	get, _ := m.oc.GetModelGroupWithResponse(bg, "gpt-models")
	if get.JSON200 == nil || get.JSON200.ModelGroupId != g.ModelGroupId || mgModels(get.JSON200.Models) != mgModels(g.Models) {
		t.Errorf("get = %d %s", get.StatusCode(), get.Body)
	}
	nf, _ := m.oc.GetModelGroupWithResponse(bg, "no-such-group")
	if nf.StatusCode() != 404 || nf.JSON404 == nil || !strings.Contains(nf.JSON404.Detail, "no-such-group") {
		t.Errorf("get unknown = %d %s", nf.StatusCode(), nf.Body)
	}

	list, _ := m.mc.ListModelGroupsWithResponse(bg)
	if list.JSON200 == nil || len(*list.JSON200) != 3 {
		t.Fatalf("list = %d %s", list.StatusCode(), list.Body)
	}
	for _, x := range *list.JSON200 {
		if x.GroupName == "gpt-models" && mgModels(x.Models) != "gpt-4o:0,gpt-4o-mini:1,gpt-3.5:2" {
			t.Errorf("listed models = %s", mgModels(x.Models))
		}
	}

	// Duplicate group: 400 naming it; the first one is unchanged.
	dup, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "gpt-models", Models: client.ModelEntryList{{ModelName: "other"}}})
	if dup.StatusCode() != 400 || dup.JSON400 == nil || !strings.Contains(dup.JSON400.Detail, "gpt-models") {
		t.Errorf("duplicate = %d %s", dup.StatusCode(), dup.Body)
	}
	// A model twice in one group: 422, and nothing is created.
	twice, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "twice", Models: client.ModelEntryList{
		{ModelName: "gpt-4o", Priority: ptr(0)}, {ModelName: "gpt-4o", Priority: ptr(1)},
	}})
	if twice.StatusCode() != 422 || twice.JSON422 == nil || !strings.Contains(twice.JSON422.Detail, "gpt-4o") {
		t.Errorf("duplicate model = %d %s", twice.StatusCode(), twice.Body)
	}
	if r, _ := m.oc.GetModelGroupWithResponse(bg, "twice"); r.StatusCode() != 404 {
		t.Errorf("a refused create left group 'twice': %d", r.StatusCode())
	}

	// Schema violations through the typed client.
	bad := map[string]client.ModelGroupCreate{
		"name with space":      {GroupName: "a b", Models: client.ModelEntryList{}},
		"name leading dot":     {GroupName: ".g", Models: client.ModelEntryList{}},
		"name 129 chars":       {GroupName: strings.Repeat("g", 129), Models: client.ModelEntryList{}},
		"name control char":    {GroupName: "g\x01", Models: client.ModelEntryList{}},
		"name unicode":         {GroupName: "gé", Models: client.ModelEntryList{}},
		"empty name":           {GroupName: "", Models: client.ModelEntryList{}},
		"priority 1001":        {GroupName: "g1", Models: client.ModelEntryList{{ModelName: "m", Priority: ptr(1001)}}},
		"priority -1":          {GroupName: "g1", Models: client.ModelEntryList{{ModelName: "m", Priority: ptr(-1)}}},
		"model with space":     {GroupName: "g1", Models: client.ModelEntryList{{ModelName: "gpt 4"}}},
		"empty model name":     {GroupName: "g1", Models: client.ModelEntryList{{ModelName: ""}}},
		"model 257 chars":      {GroupName: "g1", Models: client.ModelEntryList{{ModelName: strings.Repeat("m", 257)}}},
		"model control char":   {GroupName: "g1", Models: client.ModelEntryList{{ModelName: "m\x00"}}},
		"display name empty":   {GroupName: "g1", DisplayName: ptr(""), Models: client.ModelEntryList{}},
		"display name blank":   {GroupName: "g1", DisplayName: ptr("  "), Models: client.ModelEntryList{}},
		"description too long": {GroupName: "g1", Description: ptr(strings.Repeat("d", 2001)), Models: client.ModelEntryList{}},
		"101 models":           {GroupName: "g1", Models: mgManyModels(101)},
	}
	for name, body := range bad {
		r, _ := m.oc.CreateModelGroupWithResponse(bg, body)
		mgStatus(t, name, r.StatusCode(), 422, r.Body)
	}
	// The limits themselves are fine.
	edge, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{
		GroupName: strings.Repeat("g", 128), Description: ptr(strings.Repeat("d", 2000)), Models: mgManyModels(100),
	})
	mgStatus(t, "128-char name, 2000-char description, 100 models", edge.StatusCode(), 200, edge.Body)

	created, _ := m.audit("created_model_group")
	if len(created) != 4 {
		t.Errorf("created_model_group entries = %d, want 4", len(created))
	}
}

func mgManyModels(n int) client.ModelEntryList {
	out := make(client.ModelEntryList, 0, n)
	for i := range n {
		out = append(out, client.ModelEntry{ModelName: fmt.Sprintf("model-%03d", i), Priority: ptr(i)})
	}
	return out
}

// TestModelGroupReplaceModels checks that PUT .../models takes a bare array,
// replaces the list, shows up in the allowed models of teams using the group,
// and refuses duplicates and unknown groups without changing anything.
func TestModelGroupReplaceModels(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("rep-org")
	m.group("rep", "old-a", "old-b")
	m.team("rep-org", "rep-team", 0, "rep")

	r, _ := m.oc.ReplaceModelGroupModelsWithResponse(bg, "rep", client.ModelEntryList{
		{ModelName: "new-c", Priority: ptr(3)}, {ModelName: "new-a", Priority: ptr(0)}, {ModelName: "new-b", Priority: ptr(0)},
	})
	if r.JSON200 == nil {
		t.Fatalf("replace = %d %s", r.StatusCode(), r.Body)
	}
	if got := mgModels(r.JSON200.Models); got != "new-a:0,new-b:0,new-c:3" {
		t.Errorf("replaced models = %s", got)
	}
	if g, _ := m.oc.GetModelGroupWithResponse(bg, "rep"); g.JSON200 == nil || mgModels(g.JSON200.Models) != "new-a:0,new-b:0,new-c:3" {
		t.Errorf("get after replace = %s", g.Body)
	}
	if tm := m.getTeam("rep-team"); mgSet(tm.AllowedModels) != "new-a,new-b,new-c" {
		t.Errorf("team's allowed models after replace = %v", tm.AllowedModels)
	}

	// The body is a bare array.
	resp, body := m.raw("PUT", "/api/model-groups/rep/models", `[{"model_name":"raw-1","priority":0}]`, nil)
	mgStatus(t, "bare array", resp.StatusCode, 200, body)
	resp, body = m.raw("PUT", "/api/model-groups/rep/models", `{"models":[{"model_name":"x"}]}`, nil)
	mgStatus(t, "object instead of array", resp.StatusCode, 422, body)

	// A duplicate model: 422, list unchanged.
	dup, _ := m.mc.ReplaceModelGroupModelsWithResponse(bg, "rep", client.ModelEntryList{{ModelName: "x"}, {ModelName: "x", Priority: ptr(1)}})
	mgStatus(t, "duplicate model", dup.StatusCode(), 422, dup.Body)
	if g, _ := m.oc.GetModelGroupWithResponse(bg, "rep"); g.JSON200 == nil || mgModels(g.JSON200.Models) != "raw-1:0" {
		t.Errorf("a refused replace changed the models: %s", g.Body)
	}
	nf, _ := m.oc.ReplaceModelGroupModelsWithResponse(bg, "no-such-group", client.ModelEntryList{{ModelName: "x"}})
	mgStatus(t, "replace unknown group", nf.StatusCode(), 404, nf.Body)

	// An empty list empties the group and the team's allowed models.
	empty, _ := m.oc.ReplaceModelGroupModelsWithResponse(bg, "rep", client.ModelEntryList{})
	if empty.JSON200 == nil || len(empty.JSON200.Models) != 0 {
		t.Errorf("replace with [] = %d %s", empty.StatusCode(), empty.Body)
	}
	if tm := m.getTeam("rep-team"); len(tm.AllowedModels) != 0 || strings.Join(tm.ModelGroups, ",") != "rep" {
		t.Errorf("team after emptying its group = %v %v", tm.ModelGroups, tm.AllowedModels)
	}
	updated, _ := m.audit("updated_model_group_models")
	if len(updated) != 3 {
		t.Errorf("updated_model_group_models entries = %d, want 3", len(updated))
	}
}

// TestModelGroupDelete checks deletion, the refusal while a team uses the
// group, and 404 for unknown groups.
func TestModelGroupDelete(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("del-org")
	m.group("unused", "m1")
	m.group("in-use", "m2")
	tc := m.team("del-org", "user-team", 3, "in-use")

	d, _ := m.oc.DeleteModelGroupWithResponse(bg, "unused")
	if d.JSON200 == nil || d.JSON200.Message == "" {
		t.Fatalf("delete = %d %s", d.StatusCode(), d.Body)
	}
	if r, _ := m.oc.GetModelGroupWithResponse(bg, "unused"); r.StatusCode() != 404 {
		t.Errorf("get after delete = %d", r.StatusCode())
	}
	again, _ := m.mc.DeleteModelGroupWithResponse(bg, "unused")
	mgStatus(t, "delete twice", again.StatusCode(), 404, again.Body)
	nf, _ := m.oc.DeleteModelGroupWithResponse(bg, "never-existed")
	if nf.StatusCode() != 404 || nf.JSON404 == nil || !strings.Contains(nf.JSON404.Detail, "never-existed") {
		t.Errorf("delete unknown = %d %s", nf.StatusCode(), nf.Body)
	}

	used, _ := m.mc.DeleteModelGroupWithResponse(bg, "in-use")
	if used.StatusCode() != 400 || used.JSON400 == nil || !strings.Contains(used.JSON400.Detail, "in-use") || !strings.Contains(used.JSON400.Detail, "1 team") {
		t.Errorf("delete while assigned = %d %s", used.StatusCode(), used.Body)
	}
	if tm := m.getTeam("user-team"); strings.Join(tm.ModelGroups, ",") != "in-use" || strings.Join(tm.AllowedModels, ",") != "m2" {
		t.Errorf("team after refused delete = %v %v", tm.ModelGroups, tm.AllowedModels)
	}
	// The name is free again only once no team uses it.
	if r, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "user-team", client.GroupNameList{}); r.StatusCode() != 200 {
		t.Fatalf("unassign = %s", r.Body)
	}
	ok, _ := m.oc.DeleteModelGroupWithResponse(bg, "in-use")
	mgStatus(t, "delete after unassign", ok.StatusCode(), 200, ok.Body)
	re, _ := m.oc.CreateModelGroupWithResponse(bg, client.ModelGroupCreate{GroupName: "in-use", Models: client.ModelEntryList{}})
	mgStatus(t, "re-create a deleted name", re.StatusCode(), 200, re.Body)
	if re.JSON200 != nil && len(re.JSON200.Models) != 0 {
		t.Errorf("re-created group inherited models: %s", re.Body)
	}
	// The team's key is unaffected.
	if b := m.balance(tc.TeamId); b.CreditsRemaining != 3 {
		t.Errorf("team balance = %+v", b)
	}
	deleted, _ := m.audit("deleted_model_group")
	if len(deleted) != 2 {
		t.Errorf("deleted_model_group entries = %d, want 2", len(deleted))
	}
}

// TestModelGroupDeleteAssignRace deletes a group while a team is being given
// it: either the assignment wins (delete 400, the team keeps the group) or
// the delete wins (assign 404, the group is gone), never a 500 or a team
// pointing at a deleted group.
func TestModelGroupDeleteAssignRace(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("race-org")
	m.team("race-org", "race-team", 0)
	for i := range 15 {
		name := fmt.Sprintf("race-%d", i)
		m.group(name, "m-"+name)
		var assign, del int
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			if r, err := m.mc.AssignTeamModelGroupsWithResponse(bg, "race-team", client.GroupNameList{name}); err == nil {
				assign = r.StatusCode()
			}
		}()
		go func() {
			defer wg.Done()
			if r, err := m.oc.DeleteModelGroupWithResponse(bg, name); err == nil {
				del = r.StatusCode()
			}
		}()
		wg.Wait()
		tm := m.getTeam("race-team")
		g, _ := m.oc.GetModelGroupWithResponse(bg, name)
		switch {
		case assign == 200 && del == 400:
			if strings.Join(tm.ModelGroups, ",") != name || g.StatusCode() != 200 {
				t.Errorf("round %d: assignment won but team has %v, group %d", i, tm.ModelGroups, g.StatusCode())
			}
		case assign == 404 && del == 200:
			if len(tm.ModelGroups) != 0 || g.StatusCode() != 404 {
				t.Errorf("round %d: delete won but team has %v, group %d", i, tm.ModelGroups, g.StatusCode())
			}
		default:
			t.Errorf("round %d: assign %d, delete %d", i, assign, del)
		}
		// Free the team for the next round.
		if r, _ := m.oc.AssignTeamModelGroupsWithResponse(bg, "race-team", client.GroupNameList{}); r.StatusCode() != 200 {
			t.Fatalf("unassign: %s", r.Body)
		}
	}
}
