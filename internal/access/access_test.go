package access

import (
	"testing"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
)

func TestCheckMatrix(t *testing.T) {
	anon := principal.Principal{}
	owner := principal.Principal{Kind: principal.User, Role: principal.RoleOwner}
	admin := principal.Principal{Kind: principal.User, Role: principal.RoleAdmin}
	user := principal.Principal{Kind: principal.User, Role: principal.RoleUser}
	master := principal.Principal{Kind: principal.MasterKey}
	teamA := principal.Principal{Kind: principal.TeamKey, TeamID: "team-a"}

	const ok, unauth, forbid = 200, 401, 403
	callers := []struct {
		name string
		p    principal.Principal
	}{{"anonymous", anon}, {"owner", owner}, {"admin", admin}, {"user", user}, {"master", master}, {"team-a key", teamA}}
	// Rows: policy; columns in the order of callers above.
	want := map[Policy][6]int{
		Public:      {ok, ok, ok, ok, ok, ok},
		Session:     {unauth, ok, ok, ok, unauth, unauth},
		ManageUsers: {unauth, ok, ok, forbid, unauth, unauth},
		Audit:       {unauth, ok, ok, forbid, unauth, unauth},
		Read:        {unauth, ok, ok, ok, ok, forbid},
		Write:       {unauth, ok, ok, forbid, ok, forbid},
		TeamRead:    {unauth, ok, ok, ok, ok, ok},
	}
	for policy, row := range want {
		for i, c := range callers {
			got := status(Check(policy, c.p, "team-a"))
			if got != row[i] {
				t.Errorf("Check(%s, %s) = %d, want %d", policy, c.name, got, row[i])
			}
		}
	}
	if got := status(Check(TeamRead, teamA, "team-b")); got != forbid {
		t.Errorf("team key on another team = %d, want 403", got)
	}
	if got := status(Check(Policy("bogus"), owner, "")); got != 500 {
		t.Errorf("unknown policy = %d, want 500", got)
	}
}

func status(err error) int {
	if err == nil {
		return 200
	}
	e, _ := apperr.As(err)
	switch e.Kind {
	case apperr.KindUnauthenticated:
		return 401
	case apperr.KindForbidden:
		return 403
	}
	return 500
}

func TestKnown(t *testing.T) {
	for _, p := range []Policy{Public, Session, ManageUsers, Audit, Read, Write, TeamRead} {
		if !Known(p) {
			t.Errorf("%s not known", p)
		}
	}
	if Known("admin") {
		t.Error("unknown policy reported known")
	}
}
