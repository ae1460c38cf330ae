// Package store owns the connection pool and the one transaction helper that
// every state change goes through.
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	dbq "github.com/saaslite/controlplane/gen/db"
)

// Store is the database handle services use.
type Store struct {
	Pool *pgxpool.Pool
	// Q runs queries on the pool, outside any transaction (reads).
	Q *dbq.Queries
}

// New wraps an open pool.
func New(pool *pgxpool.Pool) *Store {
	return &Store{Pool: pool, Q: dbq.New(pool)}
}

// InTx runs fn in a transaction and commits when fn returns nil. The rollback
// is deferred, so it runs on every early return and on panic.
func (s *Store) InTx(ctx context.Context, fn func(q *dbq.Queries) error) error {
	tx, err := s.Pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if err := fn(dbq.New(tx)); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// IsNoRows reports whether err means the query found nothing.
func IsNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// IsForeignKeyViolation reports whether err is a foreign-key violation.
func IsForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23503"
}
