package modelgroups

import (
	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

// Bounds of a model entry, as the schema has them.
const (
	MaxPriority    = 1000
	maxModelName   = 256
	maxModelsCount = 100
)

// Models is a validated model list in the column form the insert takes.
type Models struct {
	Names      []string
	Priorities []int32
}

// CheckModels validates a model list: each name once, priorities 0..1000
// (0 when omitted). The schema checks shapes over HTTP; the duplicate rule
// is only here.
func CheckModels(entries []api.ModelEntry) (Models, error) {
	if len(entries) > maxModelsCount {
		return Models{}, apperr.Validation("A model group holds at most %d models", maxModelsCount)
	}
	out := Models{Names: make([]string, 0, len(entries)), Priorities: make([]int32, 0, len(entries))}
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		if e.ModelName == "" || len(e.ModelName) > maxModelName {
			return Models{}, apperr.Validation("model_name must be 1 to %d characters", maxModelName)
		}
		if seen[e.ModelName] {
			return Models{}, apperr.Validation("Model '%s' appears more than once", e.ModelName)
		}
		seen[e.ModelName] = true
		priority := 0
		if e.Priority != nil {
			priority = *e.Priority
		}
		if priority < 0 || priority > MaxPriority {
			return Models{}, apperr.Validation("priority of '%s' must be between 0 and %d", e.ModelName, MaxPriority)
		}
		out.Names = append(out.Names, e.ModelName)
		out.Priorities = append(out.Priorities, int32(priority))
	}
	return out, nil
}
