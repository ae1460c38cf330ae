package orgs_test

import (
	"testing"
	"time"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/orgs"
)

func TestParsePeriod(t *testing.T) {
	// 23:30 on 31 Dec in UTC-5 is already January in UTC.
	now := time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	utc := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in         string
		name       string
		start, end time.Time
		ok         bool
	}{
		{"", "2026-01", utc(2026, 1), utc(2026, 2), true},
		{"2025-10", "2025-10", utc(2025, 10), utc(2025, 11), true},
		{"2025-12", "2025-12", utc(2025, 12), utc(2026, 1), true},
		{"2024-02", "2024-02", utc(2024, 2), utc(2024, 3), true},
		{"2025-13", "", time.Time{}, time.Time{}, false},
		{"2025-1", "", time.Time{}, time.Time{}, false},
		{"October", "", time.Time{}, time.Time{}, false},
	}
	for _, c := range cases {
		p, err := orgs.ParsePeriod(c.in, now)
		if !c.ok {
			if !apperr.IsKind(err, apperr.KindValidation) {
				t.Errorf("%q: err = %v, want a validation error", c.in, err)
			}
			continue
		}
		if err != nil || p.Name != c.name || !p.Start.Equal(c.start) || !p.End.Equal(c.end) {
			t.Errorf("%q = %+v, %v; want %s [%v, %v)", c.in, p, err, c.name, c.start, c.end)
		}
	}
}
