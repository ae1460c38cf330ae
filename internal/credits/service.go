// Package credits is the credit ledger: allocations with their balance
// update, idempotent retries, balances and ledger reads. The balance row in
// team_credits changes only together with the ledger entry that explains it.
package credits

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
)

// MaxCredits is the largest single allocation; anything bigger is a typo or
// an attack, not a top-up.
const MaxCredits = 1_000_000_000

// Service implements the credit operations.
type Service struct {
	store *store.Store
}

// New returns the service.
func New(st *store.Store) *Service {
	return &Service{store: st}
}

// TeamNotFound is the error for an unknown team id.
func TeamNotFound(teamID string) error {
	return apperr.NotFound("Team '%s' not found", teamID)
}

// CheckAmount rejects allocations outside 1..MaxCredits.
func CheckAmount(credits int64) error {
	if credits < 1 || credits > MaxCredits {
		return apperr.Validation("credits must be between 1 and %d", MaxCredits)
	}
	return nil
}

// Actor names the caller in the ledger's actor column.
func Actor(ctx context.Context) string {
	p := principal.From(ctx)
	switch p.Kind {
	case principal.User:
		return "user:" + p.UserID.String()
	case principal.MasterKey:
		return "master_key"
	case principal.TeamKey:
		return "team:" + p.TeamID
	}
	// Only internal callers run without a principal; the HTTP layer never
	// lets an anonymous request reach a write.
	return "system"
}

// Allocate adds amount credits to a team inside the transaction q: the
// atomic balance update and its 'allocation' ledger entry, in one statement.
// Team creation uses it for the initial allocation, so that entry is like
// any other.
func Allocate(ctx context.Context, q *dbq.Queries, teamID string, amount int64, reason *string) (dbq.CreditTransaction, error) {
	if err := CheckAmount(amount); err != nil {
		return dbq.CreditTransaction{}, err
	}
	entry, err := q.AllocateCredits(ctx, dbq.AllocateCreditsParams{
		TeamID: teamID, Amount: amount, Reason: reason, Actor: Actor(ctx),
	})
	if store.IsNoRows(err) {
		return dbq.CreditTransaction{}, TeamNotFound(teamID)
	}
	if err != nil {
		return dbq.CreditTransaction{}, apperr.Internal(err, "allocate credits")
	}
	return entry, nil
}

// ToAPITransaction renders a ledger entry.
func ToAPITransaction(t dbq.CreditTransaction) api.CreditTransaction {
	return api.CreditTransaction{
		TransactionId:   openapi_types.UUID(t.TransactionID),
		TeamId:          t.TeamID,
		OrganizationId:  t.OrganizationID,
		TransactionType: api.TransactionType(t.TransactionType),
		CreditsAmount:   t.CreditsAmount,
		CreditsBefore:   t.CreditsBefore,
		CreditsAfter:    t.CreditsAfter,
		Reason:          t.Reason,
		Actor:           t.Actor,
		CreatedAt:       t.CreatedAt,
	}
}
