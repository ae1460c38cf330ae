package orgs

import (
	"context"
	"time"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
)

const periodLayout = "2006-01"

// Period is one calendar month in UTC, as [Start, End).
type Period struct {
	Name       string
	Start, End time.Time
}

// ParsePeriod reads "YYYY-MM"; empty means the month of now (in UTC).
func ParsePeriod(s string, now time.Time) (Period, error) {
	var start time.Time
	if s == "" {
		n := now.UTC()
		start = time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, time.UTC)
	} else {
		var err error
		if start, err = time.Parse(periodLayout, s); err != nil {
			return Period{}, apperr.Validation("period must be YYYY-MM")
		}
	}
	return Period{Name: start.Format(periodLayout), Start: start, End: start.AddDate(0, 1, 0)}, nil
}

// Usage sums the organization's ledger entries of one month per team, with
// each team's balance as it is now. period is "YYYY-MM", the current month
// when nil.
func (s *Service) Usage(ctx context.Context, id string, period *string) (api.OrganizationUsage, error) {
	name := ""
	if period != nil {
		name = *period
	}
	p, err := ParsePeriod(name, time.Now())
	if err != nil {
		return api.OrganizationUsage{}, err
	}
	if _, err := s.Get(ctx, id); err != nil {
		return api.OrganizationUsage{}, err
	}
	rows, err := s.store.Q.OrganizationUsage(ctx, dbq.OrganizationUsageParams{
		OrganizationID: id, PeriodStart: p.Start, PeriodEnd: p.End,
	})
	if err != nil {
		return api.OrganizationUsage{}, apperr.Internal(err, "organization usage")
	}
	out := api.OrganizationUsage{
		OrganizationId: id, Period: p.Name, PeriodStart: p.Start, PeriodEnd: p.End,
		Summary: api.UsageSummary{TeamCount: len(rows)}, Teams: make(map[string]api.TeamUsage, len(rows)),
	}
	for _, r := range rows {
		out.Teams[r.TeamID] = api.TeamUsage{
			CreditsAllocated: r.CreditsAllocated, CreditsUsed: r.CreditsUsed,
			CreditsRefunded: r.CreditsRefunded, CreditsAdjusted: r.CreditsAdjusted,
			Transactions: int(r.Transactions), CreditsRemaining: r.CreditsRemaining,
		}
		sum := &out.Summary
		sum.CreditsAllocated += r.CreditsAllocated
		sum.CreditsUsed += r.CreditsUsed
		sum.CreditsRefunded += r.CreditsRefunded
		sum.CreditsAdjusted += r.CreditsAdjusted
		sum.Transactions += int(r.Transactions)
		sum.CreditsRemaining += r.CreditsRemaining
	}
	return out, nil
}
