// Package pgembed runs a private PostgreSQL server as a child process of the
// calling program, using the PostgreSQL server binaries installed on the host.
// The control plane uses it to run without an external database, and the test
// harness (internal/testdb) uses it to give every test binary a throwaway
// cluster.
//
// # Binaries
//
// initdb and postgres are taken from PATH, or else from the highest version
// under /usr/lib/postgresql/*/bin (the Debian and Ubuntu layout, which does
// not put them on PATH). Without them Start returns ErrNoBinaries.
//
// # Lifetime
//
// The server runs in its own process group, so a Ctrl-C in the terminal
// reaches only the parent, which then shuts the server down in order. The
// child's parent-death signal is SIGTERM, so the server never outlives the
// parent, even when the parent is killed. That signal is tied to the OS
// thread that forked the child, so Start forks from a thread it keeps until
// the server exits. A stale postmaster.pid left by a crash is removed before
// starting, after checking that no postgres process still works in the data
// directory.
//
// The server's log goes to Options.Logf, and Start quotes its tail when the
// server fails to come up.
//
// # Running as root
//
// initdb and postgres refuse to run as root. When the effective user is root,
// both run as the unprivileged user "nobody" instead: the data directory (and
// a private socket directory, if one is needed) is chowned to that user, and
// every parent directory of the data directory must be traversable by it.
// Start reports the first parent that is not, rather than letting postgres
// fail with a less helpful message; parents that Start creates itself are
// made 0755. Go applies the parent-death signal after switching credentials,
// so it works for the unprivileged child too.
package pgembed
