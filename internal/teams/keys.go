package teams

import (
	"context"
	"time"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/audit"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
	"github.com/saaslite/controlplane/internal/store"
)

// MaxGracePeriodSeconds bounds how long a rotated-out key keeps working.
const MaxGracePeriodSeconds = 7 * 24 * 60 * 60

var errInvalidKey = apperr.Unauthenticated("Invalid API key")

// issuedKey is a new key: the plaintext goes to the caller once; only its
// hash and display prefix are stored.
type issuedKey struct {
	plaintext, prefix string
	hash              []byte
}

func issueKey(ctx context.Context, q *dbq.Queries, teamID string) (issuedKey, error) {
	k := issuedKey{}
	k.plaintext, k.prefix = auth.NewTeamKey()
	k.hash = auth.SHA256(k.plaintext)
	err := q.InsertTeamKey(ctx, dbq.InsertTeamKeyParams{KeyHash: k.hash, TeamID: teamID, KeyPrefix: k.prefix})
	if err != nil {
		return issuedKey{}, apperr.Internal(err, "insert team key")
	}
	return k, nil
}

// CheckGrace validates a rotation grace period in seconds.
func CheckGrace(seconds int) error {
	if seconds < 0 || seconds > MaxGracePeriodSeconds {
		return apperr.Validation("grace_period_seconds must be between 0 and %d", MaxGracePeriodSeconds)
	}
	return nil
}

// RotateKey issues a new key. Every other live key of the team then ends
// graceSeconds from now by the database clock (0: at once).
func (s *Service) RotateKey(ctx context.Context, teamID string, graceSeconds int) (api.RotatedKey, error) {
	if err := CheckGrace(graceSeconds); err != nil {
		return api.RotatedKey{}, err
	}
	var out api.RotatedKey
	err := s.store.InTx(ctx, func(q *dbq.Queries) error {
		// The lock makes concurrent rotations take turns, so each one sees
		// the key the previous one made and no two keys stay current.
		if _, err := lockTeam(ctx, q, teamID); err != nil {
			return err
		}
		key, err := issueKey(ctx, q, teamID)
		if err != nil {
			return err
		}
		ends, err := q.ExpireOtherTeamKeys(ctx, dbq.ExpireOtherTeamKeysParams{
			TeamID: teamID, CurrentKeyHash: key.hash, GraceSeconds: float64(graceSeconds),
		})
		if err != nil {
			return apperr.Internal(err, "expire old keys")
		}
		if err := q.TouchTeam(ctx, teamID); err != nil {
			return apperr.Internal(err, "touch team")
		}
		if err := audit.Record(ctx, q, audit.Entry{
			Action: "rotated_team_key", ResourceType: "team", ResourceID: teamID,
			Details: map[string]any{"grace_period_seconds": graceSeconds},
		}); err != nil {
			return apperr.Internal(err, "audit")
		}
		out = api.RotatedKey{
			TeamId: teamID, VirtualKey: key.plaintext, KeyPrefix: key.prefix,
			PreviousKeyExpiresAt: latest(ends), Message: "Team key rotated successfully",
		}
		return nil
	})
	return out, err
}

// latest is when the last of the old keys stops working; nil when there was
// none left.
func latest(ends []*time.Time) *time.Time {
	var out *time.Time
	for _, t := range ends {
		if t != nil && (out == nil || t.After(*out)) {
			out = t
		}
	}
	return out
}

// AuthenticateTeamKey resolves a team virtual key (httpapi.TeamKeyAuthenticator).
// Unknown and expired keys are 401; a suspended team's key is 403.
func (s *Service) AuthenticateTeamKey(ctx context.Context, key string) (principal.Principal, error) {
	row, err := s.store.Q.FindTeamByKeyHash(ctx, auth.SHA256(key))
	if store.IsNoRows(err) {
		return principal.Principal{}, errInvalidKey
	}
	if err != nil {
		return principal.Principal{}, apperr.Internal(err, "find team key")
	}
	if row.Status == StatusSuspended {
		return principal.Principal{}, apperr.Forbidden("Team '%s' is suspended", row.TeamID)
	}
	return principal.Principal{Kind: principal.TeamKey, TeamID: row.TeamID}, nil
}
