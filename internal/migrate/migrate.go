// Package migrate applies the embedded SQL migrations with goose. A
// PostgreSQL session-level advisory lock serialises replicas that start at the
// same time: one applies, the others wait and then find nothing to do.
package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/saaslite/controlplane/db"
)

// Up applies every pending migration to the database at connString and
// returns how many it applied.
func Up(ctx context.Context, connString string) (int, error) {
	sqlDB, err := sql.Open("pgx", connString)
	if err != nil {
		return 0, fmt.Errorf("open database: %w", err)
	}
	defer sqlDB.Close()

	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return 0, fmt.Errorf("migration lock: %w", err)
	}
	migrations, err := fs.Sub(db.Migrations, "migrations")
	if err != nil {
		return 0, err
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations, goose.WithSessionLocker(locker))
	if err != nil {
		return 0, fmt.Errorf("migration provider: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("apply migrations: %w", err)
	}
	return len(results), nil
}

// The pgx driver registers itself as "pgx" for database/sql.
var _ = stdlib.GetDefaultDriver
