package modelgroups_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/modelgroups"
)

func TestCheckModels(t *testing.T) {
	many := make([]api.ModelEntry, 101)
	for i := range many {
		many[i] = api.ModelEntry{ModelName: strings.Repeat("m", i+1)}
	}
	cases := []struct {
		name       string
		in         []api.ModelEntry
		ok         bool
		priorities []int32
	}{
		{"empty", nil, true, []int32{}},
		{"default priority", []api.ModelEntry{{ModelName: "a"}}, true, []int32{0}},
		{"explicit priorities", []api.ModelEntry{entry("a", 3), entry("b", modelgroups.MaxPriority)}, true, []int32{3, modelgroups.MaxPriority}},
		{"same priority twice is fine", []api.ModelEntry{entry("a", 0), entry("b", 0)}, true, []int32{0, 0}},
		{"duplicate name", []api.ModelEntry{entry("a", 0), entry("a", 1)}, false, nil},
		{"negative priority", []api.ModelEntry{entry("a", -1)}, false, nil},
		{"priority too high", []api.ModelEntry{entry("a", modelgroups.MaxPriority+1)}, false, nil},
		{"empty name", []api.ModelEntry{{ModelName: ""}}, false, nil},
		{"name too long", []api.ModelEntry{{ModelName: strings.Repeat("x", 257)}}, false, nil},
		{"too many", many, false, nil},
	}
	for _, c := range cases {
		got, err := modelgroups.CheckModels(c.in)
		if !c.ok {
			if !apperr.IsKind(err, apperr.KindValidation) {
				t.Errorf("%s: err = %v, want a validation error", c.name, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got.Priorities, c.priorities) || len(got.Names) != len(c.in) {
			t.Errorf("%s: got %+v, %v", c.name, got, err)
		}
	}
}
