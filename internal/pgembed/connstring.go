package pgembed

import (
	"net"
	"net/url"
	"strconv"
)

// ConnString returns a URL for database dbname as superuser "postgres",
// accepted by pgx and libpq. Without TCP the host is the socket folder.
// TLS is off: the server is only reachable locally.
func (i *Instance) ConnString(dbname string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/" + dbname}
	if i.password != "" {
		u.User = url.UserPassword("postgres", i.password)
	}
	q := url.Values{"sslmode": {"disable"}}
	if i.tcp {
		u.Host = net.JoinHostPort("127.0.0.1", strconv.Itoa(i.port))
	} else {
		q.Set("host", i.sockDir)
		q.Set("port", strconv.Itoa(i.port))
	}
	u.RawQuery = q.Encode()
	return u.String()
}
