package testdb

import (
	"net/url"
	"strings"
)

// withDatabase points a DATABASE_URL at another database on the same server,
// keeping host, credentials and options. It accepts both forms pgx accepts.
func withDatabase(connString, dbname string) string {
	if strings.HasPrefix(connString, "postgres://") || strings.HasPrefix(connString, "postgresql://") {
		if u, err := url.Parse(connString); err == nil {
			u.Path, u.RawPath = "/"+dbname, ""
			return u.String()
		}
	}
	// Keyword/value form: pgx lets a later keyword override an earlier one.
	quoted := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(dbname)
	return connString + " dbname='" + quoted + "'"
}
