// Package metadata converts the free-form JSON objects that users,
// organizations and teams carry between the API and their jsonb columns.
package metadata

import (
	"encoding/json"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

// Encode renders an optional object for storage; absent or null is "{}".
func Encode(m *api.Metadata) ([]byte, error) {
	if m == nil || *m == nil {
		return []byte("{}"), nil
	}
	raw, err := json.Marshal(*m)
	if err != nil {
		return nil, apperr.Validation("metadata must be a JSON object")
	}
	return raw, nil
}

// Decode reads a stored object. The columns CHECK that they hold an object,
// so a decoding error cannot happen short of corruption; it yields {}.
func Decode(raw []byte) api.Metadata {
	m := api.Metadata{}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &m)
	}
	return m
}
