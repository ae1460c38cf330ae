package credits

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
)

// Ledger page sizes for Transactions.
const (
	DefaultTransactionLimit = 50
	MaxTransactionLimit     = 500
)

// Balance returns a team's balance.
func (s *Service) Balance(ctx context.Context, teamID string) (api.CreditBalance, error) {
	b, err := s.store.Q.GetCreditBalance(ctx, teamID)
	if store.IsNoRows(err) {
		return api.CreditBalance{}, TeamNotFound(teamID)
	}
	if err != nil {
		return api.CreditBalance{}, apperr.Internal(err, "read balance")
	}
	return toAPIBalance(b), nil
}

// Check says whether a team's balance covers needed credits (1 when nil).
func (s *Service) Check(ctx context.Context, teamID string, needed *int64) (api.CreditCheck, error) {
	n := int64(1)
	if needed != nil {
		n = *needed
	}
	if err := CheckAmount(n); err != nil {
		return api.CreditCheck{}, err
	}
	b, err := s.Balance(ctx, teamID)
	if err != nil {
		return api.CreditCheck{}, err
	}
	return api.CreditCheck{
		TeamId: teamID, HasCredits: b.CreditsRemaining >= n,
		CreditsNeeded: n, CreditsRemaining: b.CreditsRemaining,
	}, nil
}

// Transactions returns a team's newest ledger entries and how many it has
// in all. limit is 1..500, DefaultTransactionLimit when nil.
func (s *Service) Transactions(ctx context.Context, teamID string, limit *int) (api.CreditTransactionList, error) {
	n := DefaultTransactionLimit
	if limit != nil {
		n = *limit
	}
	if n < 1 || n > MaxTransactionLimit {
		return api.CreditTransactionList{}, apperr.Validation("limit must be between 1 and %d", MaxTransactionLimit)
	}
	if _, err := s.Balance(ctx, teamID); err != nil {
		return api.CreditTransactionList{}, err
	}
	rows, err := s.store.Q.ListCreditTransactions(ctx, dbq.ListCreditTransactionsParams{TeamID: teamID, MaxRows: int32(n)})
	if err != nil {
		return api.CreditTransactionList{}, apperr.Internal(err, "list transactions")
	}
	// A tenant reading its own ledger with its team key learns that an
	// operator acted, not which admin account did.
	redact := principal.From(ctx).Kind == principal.TeamKey
	out := api.CreditTransactionList{TeamId: teamID, Transactions: make([]api.CreditTransaction, 0, len(rows))}
	for _, r := range rows {
		out.Total = int(r.Total)
		tx := ToAPITransaction(r.CreditTransaction)
		if redact {
			tx.Actor = "operator"
		}
		out.Transactions = append(out.Transactions, tx)
	}
	return out, nil
}

func toAPIBalance(b dbq.GetCreditBalanceRow) api.CreditBalance {
	return api.CreditBalance{
		TeamId: b.TeamID, OrganizationId: b.OrganizationID, Status: api.TeamStatus(b.Status),
		CreditsAllocated: b.CreditsAllocated, CreditsUsed: b.CreditsUsed,
		CreditsRemaining: b.CreditsRemaining, UpdatedAt: b.UpdatedAt,
	}
}
