package testdb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// New returns the connection string of a new, fully migrated database that
// belongs to this test alone. It is dropped when the test ends.
func New(t testing.TB) string {
	t.Helper()
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := s.template()
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("%s_%d", s.prefix, s.seq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + " TEMPLATE " + pgx.Identifier{tmpl}.Sanitize()
	if _, err := s.admin.Exec(ctx, sql); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := s.dropDatabase(name); err != nil {
			t.Error(err)
		}
	})
	return s.connString(name)
}

// NewDatabase is New under a name that reads well where a harness hands the
// database to something else, e.g. DATABASE_URL for a binary under test.
func NewDatabase(t testing.TB) string {
	t.Helper()
	return New(t)
}

// Pool returns a pool on a new database from New. The pool is closed when the
// test ends, before the database is dropped.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	connString := New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, connString)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}
