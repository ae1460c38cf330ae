package credits_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/credits"
	"github.com/saaslite/controlplane/internal/principal"
)

func TestCheckAmount(t *testing.T) {
	cases := []struct {
		credits int64
		ok      bool
	}{
		{-1, false}, {0, false}, {1, true}, {50, true},
		{credits.MaxCredits, true}, {credits.MaxCredits + 1, false},
	}
	for _, c := range cases {
		err := credits.CheckAmount(c.credits)
		if (err == nil) != c.ok || (err != nil && !apperr.IsKind(err, apperr.KindValidation)) {
			t.Errorf("CheckAmount(%d) = %v, want ok=%v", c.credits, err, c.ok)
		}
	}
}

func TestActor(t *testing.T) {
	id := uuid.New()
	cases := []struct {
		p    principal.Principal
		want string
	}{
		{principal.Principal{Kind: principal.User, UserID: id, Role: principal.RoleOwner}, "user:" + id.String()},
		{principal.Principal{Kind: principal.MasterKey}, "master_key"},
		{principal.Principal{Kind: principal.TeamKey, TeamID: "t1"}, "team:t1"},
		{principal.Principal{}, "system"},
	}
	for _, c := range cases {
		if got := credits.Actor(principal.With(context.Background(), c.p)); got != c.want {
			t.Errorf("Actor(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestRequestHash(t *testing.T) {
	base := credits.RequestHash(50, "top-up")
	cases := []struct {
		name    string
		credits int64
		reason  string
		same    bool
	}{
		{"identical", 50, "top-up", true},
		{"other amount", 51, "top-up", false},
		{"other reason", 50, "top-up ", false},
		{"reason looks like a number", 50, "50", false},
	}
	for _, c := range cases {
		if got := bytes.Equal(credits.RequestHash(c.credits, c.reason), base); got != c.same {
			t.Errorf("%s: same hash = %v, want %v", c.name, got, c.same)
		}
	}
}
