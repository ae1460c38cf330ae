package teams_test

import (
	"sync"
	"testing"
	"time"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
)

func TestAuthenticateTeamKey(t *testing.T) {
	e := newEnv(t)
	key := e.create(t, "t1")
	p, err := e.teams.AuthenticateTeamKey(e.ctx, key)
	if err != nil || p.Kind != principal.TeamKey || p.TeamID != "t1" {
		t.Fatalf("authenticate = %+v, %v", p, err)
	}
	for _, bad := range []string{"sk-unknown", "", key + "x"} {
		if _, err := e.teams.AuthenticateTeamKey(e.ctx, bad); !apperr.IsKind(err, apperr.KindUnauthenticated) {
			t.Errorf("key %q: err = %v", bad, err)
		}
	}
}

func TestSuspendedTeamKeyIsForbidden(t *testing.T) {
	e := newEnv(t)
	key := e.create(t, "t1")
	for range 2 { // the second suspend is a no-op
		team, err := e.teams.Suspend(e.ctx, "t1")
		if err != nil || team.Status != "suspended" || team.Credits.Status != "suspended" {
			t.Fatalf("suspend = %+v, %v", team.Status, err)
		}
	}
	_, err := e.teams.AuthenticateTeamKey(e.ctx, key)
	if !apperr.IsKind(err, apperr.KindForbidden) || err.Error() != "Team 't1' is suspended" {
		t.Errorf("suspended key: err = %v", err)
	}
	if team, err := e.teams.Resume(e.ctx, "t1"); err != nil || team.Status != "active" {
		t.Fatalf("resume = %v, %v", team.Status, err)
	}
	if _, err := e.teams.AuthenticateTeamKey(e.ctx, key); err != nil {
		t.Errorf("resumed key: %v", err)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'suspended_team'`); n != 1 {
		t.Errorf("suspended_team entries = %d, want 1", n)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'resumed_team'`); n != 1 {
		t.Errorf("resumed_team entries = %d, want 1", n)
	}
	if _, err := e.teams.Suspend(e.ctx, "ghost"); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown team: err = %v", err)
	}
}

func TestRotateKeyWithoutGrace(t *testing.T) {
	e := newEnv(t)
	old := e.create(t, "t1")
	rotated, err := e.teams.RotateKey(e.ctx, "t1", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.teams.AuthenticateTeamKey(e.ctx, old); !apperr.IsKind(err, apperr.KindUnauthenticated) {
		t.Errorf("old key after rotation without grace: err = %v", err)
	}
	if p, err := e.teams.AuthenticateTeamKey(e.ctx, rotated.VirtualKey); err != nil || p.TeamID != "t1" {
		t.Errorf("new key: %+v, %v", p, err)
	}
	team, err := e.teams.Get(e.ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if team.KeyPrefix != rotated.KeyPrefix || team.VirtualKey != auth.MaskKey(rotated.KeyPrefix) {
		t.Errorf("team shows key %q, want prefix %q", team.VirtualKey, rotated.KeyPrefix)
	}
	if _, err := e.teams.RotateKey(e.ctx, "ghost", 0); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Errorf("unknown team: err = %v", err)
	}
}

// TestRotateKeyWithGrace uses a one-second grace and the database clock: the
// old key works right after the rotation and stops within the grace.
func TestRotateKeyWithGrace(t *testing.T) {
	e := newEnv(t)
	old := e.create(t, "t1")
	before := time.Now()
	rotated, err := e.teams.RotateKey(e.ctx, "t1", 1)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.PreviousKeyExpiresAt == nil || rotated.PreviousKeyExpiresAt.Sub(before) > 3*time.Second {
		t.Errorf("previous key expires at %v", rotated.PreviousKeyExpiresAt)
	}
	if _, err := e.teams.AuthenticateTeamKey(e.ctx, old); err != nil {
		t.Errorf("old key within grace: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := e.teams.AuthenticateTeamKey(e.ctx, old)
		if apperr.IsKind(err, apperr.KindUnauthenticated) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("old key still accepted 5s after a 1s grace: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := e.teams.AuthenticateTeamKey(e.ctx, rotated.VirtualKey); err != nil {
		t.Errorf("new key: %v", err)
	}
	// The audit entry has the grace and never a key.
	var details string
	if err := e.pool.QueryRow(e.ctx, `SELECT details::text FROM admin_audit_log WHERE action = 'rotated_team_key'`).Scan(&details); err != nil {
		t.Fatal(err)
	}
	if details != `{"grace_period_seconds": 1}` {
		t.Errorf("audit details = %s", details)
	}
}

// TestConcurrentRotationsLeaveOneCurrentKey: rotations take turns on the
// team lock, so exactly one key ends up without an expiry, and it is the
// one the team shows.
func TestConcurrentRotationsLeaveOneCurrentKey(t *testing.T) {
	e := newEnv(t)
	e.create(t, "t1")
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := e.teams.RotateKey(e.ctx, "t1", 0); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var prefix string
	if err := e.pool.QueryRow(e.ctx, `SELECT key_prefix FROM team_keys WHERE team_id = 't1' AND expires_at IS NULL`).Scan(&prefix); err != nil {
		t.Fatalf("current key: %v", err)
	}
	team, err := e.teams.Get(e.ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if team.KeyPrefix != prefix {
		t.Errorf("team shows %q, current key is %q", team.KeyPrefix, prefix)
	}
	if n := e.count(t, `SELECT count(*) FROM team_keys WHERE team_id = 't1' AND (expires_at IS NULL OR expires_at > now())`); n != 1 {
		t.Errorf("live keys = %d, want 1", n)
	}
}
