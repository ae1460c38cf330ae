package credits

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
)

// DefaultReason is the ledger reason when a request gives none (the spec's
// default).
const DefaultReason = "Manual credit allocation"

// Add allocates credits to a team. With an idempotency key, the first answer
// for that key is stored in the same transaction and replayed for retries.
func (s *Service) Add(ctx context.Context, teamID string, req api.AddCreditsRequest, idempotencyKey *string) (api.CreditsAdded, error) {
	if err := CheckAmount(req.Credits); err != nil {
		return api.CreditsAdded{}, err
	}
	reason := DefaultReason
	if req.Reason != nil {
		reason = *req.Reason
	}
	var claim *idempotencyClaim
	if idempotencyKey != nil {
		var err error
		if claim, err = newClaim(teamID, *idempotencyKey, req.Credits, reason); err != nil {
			return api.CreditsAdded{}, err
		}
	}
	var out api.CreditsAdded
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		if claim != nil {
			replay, found, err := claim.take(ctx, q)
			if err != nil || found {
				out = replay
				return err
			}
		}
		entry, err := Allocate(ctx, q, teamID, req.Credits, &reason)
		if err != nil {
			return err
		}
		out = api.CreditsAdded{
			TeamId: teamID, CreditsAdded: req.Credits,
			CreditsRemaining: entry.CreditsAfter, Transaction: ToAPITransaction(entry),
		}
		err = audit.Record(ctx, q, audit.Entry{
			Action: "added_credits", ResourceType: "team", ResourceID: teamID,
			Details: map[string]any{
				"credits": req.Credits, "reason": reason, "transaction_id": entry.TransactionID.String(),
			},
		})
		if err != nil {
			return apperr.Internal(err, "audit added credits")
		}
		if claim != nil {
			return claim.store(ctx, q, out)
		}
		return nil
	})
	if err != nil {
		return api.CreditsAdded{}, err
	}
	return out, nil
}
