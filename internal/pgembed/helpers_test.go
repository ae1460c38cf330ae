package pgembed

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// requireBinaries skips rather than fails on hosts without PostgreSQL, so
// the rest of the suite still runs there.
func requireBinaries(t *testing.T) {
	t.Helper()
	if _, err := findBinaries(); err != nil {
		t.Skip(err)
	}
}

// newDataDir returns a not yet existing data dir in a test temp dir. As root
// the server runs as nobody, so the temp dirs Go creates 0700 are opened up.
func newDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		for _, d := range []string{dir, filepath.Dir(dir)} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	return filepath.Join(dir, "data")
}

// start starts a server and stops it when the test ends.
func start(t *testing.T, o Options) *Instance {
	t.Helper()
	if o.Logf == nil {
		o.Logf = t.Logf
	}
	inst, err := Start(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Stop(context.Background()) })
	return inst
}

func connect(t *testing.T, connString string) (*pgx.Conn, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, connString)
	if err == nil {
		t.Cleanup(func() { _ = conn.Close(context.Background()) })
	}
	return conn, err
}

func selectOne(t *testing.T, connString string) {
	t.Helper()
	conn, err := connect(t, connString)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT 1").Scan(&n); err != nil || n != 1 {
		t.Fatalf("SELECT 1 = %d, %v", n, err)
	}
	if err := conn.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// assertGone checks that neither the postmaster nor any child survived.
func assertGone(t *testing.T, inst *Instance) {
	t.Helper()
	select {
	case <-inst.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	pid := inst.cmd.Process.Pid
	if isPostgresIn(pid, mustReal(t, inst.DataDir())) {
		t.Fatalf("postmaster %d still running", pid)
	}
	if pids := postgresProcessesIn(mustReal(t, inst.DataDir())); len(pids) > 0 {
		t.Fatalf("postgres processes left behind: %v", pids)
	}
}

func mustReal(t *testing.T, path string) string {
	t.Helper()
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	return real
}
