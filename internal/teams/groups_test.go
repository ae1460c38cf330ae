package teams_test

import (
	"slices"
	"testing"

	"github.com/saaslite/controlplane/internal/apperr"
)

func TestAssignModelGroups(t *testing.T) {
	e := newEnv(t)
	e.create(t, "t1", "gpt")

	got, err := e.teams.AssignModelGroups(e.ctx, "t1", []string{"claude", "claude"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.ModelGroups, []string{"claude"}) || !slices.Equal(got.AllowedModels, []string{"claude", "shared"}) {
		t.Errorf("assigned = %+v", got)
	}
	// An unknown name refuses the whole set; the old one stays.
	if _, err := e.teams.AssignModelGroups(e.ctx, "t1", []string{"gpt", "nope"}); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown group: err = %v", err)
	}
	team, err := e.teams.Get(e.ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(team.ModelGroups, []string{"claude"}) {
		t.Errorf("groups after refused assignment = %v", team.ModelGroups)
	}
	// The empty list removes every group.
	got, err = e.teams.AssignModelGroups(e.ctx, "t1", []string{})
	if err != nil || len(got.ModelGroups) != 0 || len(got.AllowedModels) != 0 {
		t.Errorf("clear = %+v, %v", got, err)
	}
	if _, err := e.teams.AssignModelGroups(e.ctx, "ghost", []string{"gpt"}); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown team: err = %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'assigned_model_groups' AND resource_id = 't1'`); n != 2 {
		t.Errorf("assigned_model_groups entries = %d, want 2", n)
	}
}
