package testdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

// TestDatabasesAreIsolatedAndDropped runs parallel tests that each write to
// their own database, then checks that every database is gone.
func TestDatabasesAreIsolatedAndDropped(t *testing.T) {
	var mu sync.Mutex
	var names []string
	t.Run("group", func(t *testing.T) {
		for i := range 4 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				connString := New(t)
				conn := connect(t, connString)
				ctx := context.Background()

				var users int
				if err := conn.QueryRow(ctx, "SELECT count(*) FROM admin_users").Scan(&users); err != nil {
					t.Fatalf("migrated table admin_users: %v", err)
				}
				if users != 0 {
					t.Fatalf("admin_users has %d rows in a new database", users)
				}
				// A marker only this test can see if databases are isolated.
				if _, err := conn.Exec(ctx, "CREATE TABLE marker (n int)"); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.Exec(ctx, "INSERT INTO marker VALUES ($1)", i); err != nil {
					t.Fatal(err)
				}
				var count int
				if err := conn.QueryRow(ctx, "SELECT count(*) FROM marker").Scan(&count); err != nil || count != 1 {
					t.Fatalf("marker rows = %d, %v; another test wrote here", count, err)
				}
				mu.Lock()
				names = append(names, conn.Config().Database)
				mu.Unlock()
			})
		}
	})
	if len(names) != 4 {
		t.Fatalf("got %d database names", len(names))
	}
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		var exists bool
		err := s.admin.QueryRow(context.Background(), "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists)
		if err != nil || exists {
			t.Errorf("database %s still exists (%v) after its test ended", name, err)
		}
	}
}

func TestPool(t *testing.T) {
	t.Parallel()
	pool := Pool(t)
	var tables int
	err := pool.QueryRow(context.Background(),
		"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'admin_users'").Scan(&tables)
	if err != nil || tables != 1 {
		t.Fatalf("admin_users tables = %d, %v", tables, err)
	}
}

func TestWithDatabase(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:p@h:5432/app?sslmode=disable": "postgres://u:p@h:5432/other?sslmode=disable",
		"postgresql:///app?host=%2Ftmp&port=5432":   "postgresql:///other?host=%2Ftmp&port=5432",
		"host=h user=u dbname=app":                  "host=h user=u dbname=app dbname='other'",
	} {
		got := withDatabase(in, "other")
		if got != want {
			t.Errorf("withDatabase(%q) = %q, want %q", in, got, want)
		}
		cfg, err := pgx.ParseConfig(got)
		if err != nil || cfg.Database != "other" {
			t.Errorf("pgx reads %q as database %q (%v)", got, cfg.Database, err)
		}
	}
}

func TestSweepRemovesOnlyUnlockedDirs(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	live, err := os.MkdirTemp("", dirPattern)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := lockDir(live)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	dead, err := os.MkdirTemp("", dirPattern)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dead, lockName), nil, 0o600); err != nil {
		t.Fatal(err)
	}

	sweepLeftovers()
	if _, err := os.Stat(live); err != nil {
		t.Errorf("locked dir removed: %v", err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("unlocked dir kept: %v", err)
	}
}

func connect(t *testing.T, connString string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), connString)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}
