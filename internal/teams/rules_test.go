package teams_test

import (
	"slices"
	"testing"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/teams"
)

func TestDedupe(t *testing.T) {
	cases := []struct {
		in, want []string
	}{
		{nil, []string{}},
		{[]string{"a"}, []string{"a"}},
		{[]string{"b", "a", "b", "a"}, []string{"b", "a"}},
	}
	for _, c := range cases {
		if got := teams.Dedupe(c.in); !slices.Equal(got, c.want) || got == nil {
			t.Errorf("Dedupe(%v) = %#v, want %v", c.in, got, c.want)
		}
	}
}

func TestCheckGrace(t *testing.T) {
	cases := []struct {
		seconds int
		ok      bool
	}{
		{-1, false}, {0, true}, {3600, true}, {teams.MaxGracePeriodSeconds, true}, {teams.MaxGracePeriodSeconds + 1, false},
	}
	for _, c := range cases {
		err := teams.CheckGrace(c.seconds)
		if (err == nil) != c.ok || (err != nil && !apperr.IsKind(err, apperr.KindValidation)) {
			t.Errorf("CheckGrace(%d) = %v, want ok=%v", c.seconds, err, c.ok)
		}
	}
}
