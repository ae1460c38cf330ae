// Package testdb is the harness for database tests. Each test gets its own
// empty, fully migrated database, so tests can run in parallel and never see
// each other's rows.
//
// Every test binary that uses it needs
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// With DATABASE_URL set, databases are created on that server (the role needs
// CREATEDB). Otherwise the first test that asks for a database starts one
// throwaway PostgreSQL cluster for the whole test binary with pgembed, in a
// fresh temp dir, and Main stops and deletes it when the tests are done.
//
// Migrations run once per test binary, into a template database; each test's
// database is a copy of it (CREATE DATABASE ... TEMPLATE), which takes a few
// milliseconds instead of re-running every migration.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/internal/migrate"
)

// server is the PostgreSQL server the test binary's databases live on.
type server struct {
	cluster    *cluster // nil when DATABASE_URL points at an external server
	connString func(dbname string) string
	admin      *pgxpool.Pool // runs CREATE/DROP DATABASE
	// prefix makes database names unique per test binary, so binaries that
	// share one DATABASE_URL server in parallel cannot collide.
	prefix string
	seq    atomic.Int64

	templateOnce sync.Once
	templateName string
	templateErr  error
}

var (
	mainCalled atomic.Bool

	serverMu  sync.Mutex
	theServer *server
	serverErr error
)

// setupTimeout bounds starting the cluster and migrating the template.
const setupTimeout = 2 * time.Minute

// Main runs the tests and then removes everything the harness created. It
// does not return.
func Main(m *testing.M) {
	mainCalled.Store(true)
	sweepLeftovers()
	code := m.Run()
	if err := shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// getServer starts the server on first use: binaries whose tests are all
// skipped or need no database then pay nothing.
func getServer() (*server, error) {
	serverMu.Lock()
	defer serverMu.Unlock()
	if theServer == nil && serverErr == nil {
		theServer, serverErr = startServer()
	}
	return theServer, serverErr
}

func startServer() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	var buf [4]byte
	_, _ = rand.Read(buf[:])
	s := &server{prefix: fmt.Sprintf("testdb_%d_%s", os.Getpid(), hex.EncodeToString(buf[:]))}

	if url := os.Getenv("DATABASE_URL"); url != "" {
		s.connString = func(dbname string) string { return withDatabase(url, dbname) }
		var err error
		if s.admin, err = pgxpool.New(ctx, url); err != nil {
			return nil, fmt.Errorf("testdb: DATABASE_URL: %w", err)
		}
		return s, nil
	}
	if !mainCalled.Load() {
		// Without Main nobody would stop the cluster or delete its files.
		return nil, errors.New("testdb: DATABASE_URL is not set and testdb.Main did not run; add func TestMain(m *testing.M) { testdb.Main(m) } to this package")
	}
	c, err := startCluster(ctx)
	if err != nil {
		return nil, err
	}
	s.cluster = c
	s.connString = c.inst.ConnString
	if s.admin, err = pgxpool.New(ctx, s.connString("postgres")); err != nil {
		return nil, errors.Join(fmt.Errorf("testdb: %w", err), c.stop())
	}
	return s, nil
}

// shutdown drops the template and stops the cluster. Test databases are gone
// already: their tests' cleanups dropped them.
func shutdown() error {
	serverMu.Lock()
	defer serverMu.Unlock()
	s := theServer
	theServer, serverErr = nil, errors.New("testdb: used after Main finished")
	if s == nil {
		return nil
	}
	var errs []error
	if s.cluster == nil && s.templateName != "" {
		// On an external server nothing else would ever remove it.
		errs = append(errs, s.dropDatabase(s.templateName))
	}
	s.admin.Close()
	if s.cluster != nil {
		errs = append(errs, s.cluster.stop())
	}
	return errors.Join(errs...)
}

// template returns the migrated template database, creating it once.
func (s *server) template() (string, error) {
	s.templateOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		name := s.prefix + "_template"
		if _, err := s.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			s.templateErr = fmt.Errorf("testdb: create template database: %w", err)
			return
		}
		s.templateName = name // from now on shutdown drops it
		if _, err := migrate.Up(ctx, s.connString(name)); err != nil {
			s.templateErr = fmt.Errorf("testdb: migrate template database: %w", err)
		}
	})
	return s.templateName, s.templateErr
}

func (s *server) dropDatabase(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// FORCE ends sessions a test left open (a leaked pool, a stuck query).
	if _, err := s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("testdb: drop database %s: %w", name, err)
	}
	return nil
}
