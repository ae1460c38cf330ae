// Package db embeds the SQL migrations so the binary can apply them itself.
package db

import "embed"

// Migrations holds db/migrations/*.sql, applied in order by goose.
//
//go:embed migrations/*.sql
var Migrations embed.FS
