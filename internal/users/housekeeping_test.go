package users

import (
	"context"
	"testing"

	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestHousekeepDeletesOnlyWhatEnded(t *testing.T) {
	ctx := context.Background()
	pool := testdb.Pool(t)
	s := New(store.New(pool), auth.NewTokens([]byte("0123456789abcdef0123456789abcdef")), 0)
	exec := func(sql string) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO admin_users (user_id, email, display_name, password_hash, role)
	      VALUES ('11111111-1111-4111-8111-111111111111', 'a@example.com', 'A', 'x', 'owner')`)
	exec(`INSERT INTO admin_sessions (session_id, user_id, token_hash, expires_at, revoked_at) VALUES
	      ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', sha256('a'), now() + interval '1 day', now() - interval '8 days'),
	      ('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', sha256('b'), now() - interval '8 days', NULL),
	      ('44444444-4444-4444-8444-444444444444', '11111111-1111-4111-8111-111111111111', sha256('c'), now() + interval '1 day', NULL),
	      ('55555555-5555-4555-8555-555555555555', '11111111-1111-4111-8111-111111111111', sha256('d'), now() + interval '1 day', now() - interval '1 day')`)
	exec(`INSERT INTO login_attempts (email, ip_address, outcome, created_at) VALUES
	      ('a@example.com', '127.0.0.1', 'failed', now() - interval '2 days'),
	      ('a@example.com', '127.0.0.1', 'failed', now() - interval '1 hour')`)

	if err := s.Housekeep(ctx); err != nil {
		t.Fatal(err)
	}
	var sessions, attempts int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM admin_sessions), (SELECT count(*) FROM login_attempts)`).Scan(&sessions, &attempts); err != nil {
		t.Fatal(err)
	}
	if sessions != 2 || attempts != 1 {
		t.Fatalf("left %d sessions (want the live and the recently revoked one) and %d attempts (want 1)", sessions, attempts)
	}
}
