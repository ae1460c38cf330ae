package pgembed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestStartQueryStop(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	inst := start(t, Options{DataDir: dataDir, Fast: true})

	selectOne(t, inst.ConnString("postgres"))
	if inst.sockDir != dataDir {
		t.Errorf("socket in %s, want the data dir %s", inst.sockDir, dataDir)
	}
	if err := inst.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertGone(t, inst)
	if err := inst.Stop(context.Background()); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("postmaster.pid after clean stop: %v", err)
	}
}

func TestRestartKeepsClusterWithoutInitdb(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	var mu sync.Mutex
	var initdbRuns int
	logf := func(format string, args ...any) {
		if strings.HasPrefix(format, "pgembed: initdb") {
			mu.Lock()
			initdbRuns++
			mu.Unlock()
		}
		t.Logf(format, args...)
	}

	first := start(t, Options{DataDir: dataDir, Fast: true, Logf: logf})
	conn, err := connect(t, first.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(context.Background(), "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	_ = conn.Close(context.Background())
	if err := first.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}

	second := start(t, Options{DataDir: dataDir, Fast: true, Logf: logf})
	conn, err = connect(t, second.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT n FROM kept").Scan(&n); err != nil || n != 42 {
		t.Fatalf("data after restart: %d, %v", n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if initdbRuns != 1 {
		t.Errorf("initdb ran %d times, want 1", initdbRuns)
	}
}

func TestStalePidFileIsRemoved(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	inst := start(t, Options{DataDir: dataDir, Fast: true})
	if err := inst.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}

	deadPID := 999999
	for syscall.Kill(deadPID, 0) != syscall.ESRCH {
		deadPID--
	}
	stale := strconv.Itoa(deadPID) + "\n" + dataDir + "\n1700000000\n5432\n\n\n0 0\nready   \n"
	pidFile := filepath.Join(dataDir, "postmaster.pid")
	if err := os.WriteFile(pidFile, []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	inst = start(t, Options{DataDir: dataDir, Fast: true})
	selectOne(t, inst.ConnString("postgres"))
}

// A postmaster that dies on its own leaves its real postmaster.pid behind;
// Stop must not hang and the next start must recover.
func TestServerDiesOnItsOwn(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	inst := start(t, Options{DataDir: dataDir, Fast: true})
	if err := inst.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-inst.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Done not closed after the postmaster was killed")
	}
	began := time.Now()
	if err := inst.Stop(context.Background()); err == nil {
		t.Error("Stop after a crash reported no error")
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("Stop took %s", d)
	}
	assertGone(t, inst)

	inst = start(t, Options{DataDir: dataDir, Fast: true})
	selectOne(t, inst.ConnString("postgres"))
}

func TestRefusesSecondServerOnSameDir(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	start(t, Options{DataDir: dataDir, Fast: true})
	second, err := Start(context.Background(), Options{DataDir: dataDir, Fast: true})
	if err == nil {
		_ = second.Stop(context.Background())
		t.Fatal("second Start on a live data dir succeeded")
	}
	if !strings.Contains(err.Error(), "already running") {
		t.Errorf("error = %v", err)
	}
	t.Log(err)
}

func TestPasswordOverTCP(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	inst := start(t, Options{DataDir: newDataDir(t), Port: freePort(t), Password: "s3cret 'quoted'", Fast: true})
	good := inst.ConnString("postgres")
	if !strings.Contains(good, "127.0.0.1:") {
		t.Fatalf("TCP conn string expected, got %s", good)
	}
	selectOne(t, good)

	for _, bad := range []string{
		strings.Replace(good, "s3cret", "wrong", 1),
		strings.Replace(good, "postgres:s3cret%20%27quoted%27@", "postgres@", 1),
	} {
		_, err := connect(t, bad)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "28P01" {
			t.Errorf("connect with %q: %v, want invalid password", bad, err)
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(tempBase(runAs{}), "pgembed-pw-*")); len(entries) > 0 {
		t.Errorf("password file left behind: %v", entries)
	}
}

func TestLongDataDirUsesPrivateSocketDir(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := filepath.Join(newDataDir(t), strings.Repeat("d", 100))
	inst := start(t, Options{DataDir: dataDir, Fast: true})
	if inst.sockDir == dataDir || !inst.ownSockDir {
		t.Fatalf("socket dir %s for a %d-byte data dir", inst.sockDir, len(dataDir))
	}
	selectOne(t, inst.ConnString("postgres"))
	if err := inst.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(inst.sockDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("socket dir not removed: %v", err)
	}
}

func TestNoBinaries(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	saved := fallbackGlob
	fallbackGlob = filepath.Join(t.TempDir(), "*", "bin")
	t.Cleanup(func() { fallbackGlob = saved })

	_, err := Start(context.Background(), Options{DataDir: t.TempDir()})
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("err = %v, want ErrNoBinaries", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "apt-get install postgresql") || !strings.Contains(msg, "DATABASE_URL") {
		t.Errorf("message is not one helpful line: %q", msg)
	}
	t.Log(err)
}

func TestRootNeedsTraversableParents(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root switches to an unprivileged user")
	}
	requireBinaries(t)
	closed := t.TempDir() // 0700, as Go creates it
	if err := os.Chmod(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(closed, "sub", "data")})
	if err == nil || !strings.Contains(err.Error(), closed) {
		t.Fatalf("err = %v, want one naming %s", err, closed)
	}
	if _, err := os.Stat(filepath.Join(closed, "sub")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Start created folders before failing: %v", err)
	}
	t.Log(err)
}

// Not parallel: it changes clusterLocale.
func TestInitdbFallsBackToNoLocale(t *testing.T) {
	requireBinaries(t)
	saved := clusterLocale
	clusterLocale = "xx_XX.missing"
	t.Cleanup(func() { clusterLocale = saved })

	inst := start(t, Options{DataDir: newDataDir(t), Fast: true})
	conn, err := connect(t, inst.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var collate, encoding string
	if err := conn.QueryRow(context.Background(), "SELECT datcollate, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'postgres'").Scan(&collate, &encoding); err != nil {
		t.Fatal(err)
	}
	if collate != "C" || encoding != "UTF8" {
		t.Errorf("collate %s, encoding %s; want C and UTF8", collate, encoding)
	}
}

// A Start cancelled during initdb must not leave a half-made cluster that
// later starts mistake for a real one.
func TestCancelledStartLeavesUsableDir(t *testing.T) {
	requireBinaries(t)
	t.Parallel()
	dataDir := newDataDir(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if inst, err := Start(ctx, Options{DataDir: dataDir, Fast: true}); err == nil {
		_ = inst.Stop(context.Background())
		t.Skip("initdb and start finished within the deadline; nothing was cancelled")
	} else {
		t.Log(err)
	}
	inst := start(t, Options{DataDir: dataDir, Fast: true})
	selectOne(t, inst.ConnString("postgres"))
}
