package credits

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/store"
)

var errKeyReused = apperr.Validation("Idempotency-Key was already used with a different request")

// idempotencyClaim is one request's claim on an Idempotency-Key of a team.
type idempotencyClaim struct {
	teamID, key string
	hash        []byte
}

func newClaim(teamID, key string, credits int64, reason string) (*idempotencyClaim, error) {
	if key == "" || len(key) > 255 {
		return nil, apperr.Validation("Idempotency-Key must be 1 to 255 characters")
	}
	return &idempotencyClaim{teamID: teamID, key: key, hash: RequestHash(credits, reason)}, nil
}

// RequestHash identifies an add request: SHA-256 of its canonical JSON, so a
// retry matches exactly when credits and reason are the same.
func RequestHash(credits int64, reason string) []byte {
	canonical, _ := json.Marshal(struct {
		Credits int64  `json:"credits"`
		Reason  string `json:"reason"`
	}{credits, reason})
	sum := sha256.Sum256(canonical)
	return sum[:]
}

// take claims the key in transaction q. found reports that the key was taken
// before, in which case replay is the stored first answer. The INSERT waits
// for a concurrent transaction holding the same key, so when it finds a
// conflict the other request has committed and its answer is readable.
func (c *idempotencyClaim) take(ctx context.Context, q *dbq.Queries) (replay api.CreditsAdded, found bool, err error) {
	_, err = q.ClaimIdempotencyKey(ctx, dbq.ClaimIdempotencyKeyParams{
		TeamID: c.teamID, IdempotencyKey: c.key, RequestHash: c.hash,
	})
	switch {
	case err == nil:
		return api.CreditsAdded{}, false, nil
	case store.IsForeignKeyViolation(err):
		return api.CreditsAdded{}, false, TeamNotFound(c.teamID)
	case !store.IsNoRows(err):
		return api.CreditsAdded{}, false, apperr.Internal(err, "claim idempotency key")
	}
	stored, err := q.GetIdempotencyKey(ctx, dbq.GetIdempotencyKeyParams{TeamID: c.teamID, IdempotencyKey: c.key})
	if err != nil {
		// Deleted by housekeeping in between: rare enough to let the client retry.
		return api.CreditsAdded{}, false, apperr.Internal(err, "read idempotency key")
	}
	if !bytes.Equal(stored.RequestHash, c.hash) {
		return api.CreditsAdded{}, false, errKeyReused
	}
	if err := json.Unmarshal(stored.Response, &replay); err != nil {
		return api.CreditsAdded{}, false, apperr.Internal(err, "decode stored response")
	}
	return replay, true, nil
}

// store keeps the answer with the key, in the transaction that made it.
func (c *idempotencyClaim) store(ctx context.Context, q *dbq.Queries, resp api.CreditsAdded) error {
	raw, err := json.Marshal(resp)
	if err != nil {
		return apperr.Internal(err, "encode response")
	}
	err = q.StoreIdempotentResponse(ctx, dbq.StoreIdempotentResponseParams{
		TeamID: c.teamID, IdempotencyKey: c.key, Response: raw,
	})
	if err != nil {
		return apperr.Internal(err, "store idempotent response")
	}
	return nil
}

// Housekeep deletes idempotency keys older than 24 hours (the spec keeps them
// at least that long). It has the shape of the app's periodic jobs.
func (s *Service) Housekeep(ctx context.Context) error {
	if err := s.store.Q.DeleteExpiredIdempotencyKeys(ctx); err != nil {
		return apperr.Internal(err, "delete expired idempotency keys")
	}
	return nil
}
