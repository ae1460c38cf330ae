package pgembed

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries means neither PATH nor the distribution folders hold the
// PostgreSQL server binaries. The message is one line because it is what an
// operator sees when the control plane cannot start.
var ErrNoBinaries = errors.New("pgembed: PostgreSQL server binaries (initdb, postgres) not found on PATH or under /usr/lib/postgresql/*/bin; install the PostgreSQL server package (e.g. apt-get install postgresql) or set DATABASE_URL to an existing server")

// fallbackGlob is where distributions install versioned server binaries. It
// is a variable so tests can point it at an empty folder.
var fallbackGlob = "/usr/lib/postgresql/*/bin"

// binaries holds absolute paths of the server programs.
type binaries struct {
	initdb   string
	postgres string
}

// findBinaries prefers PATH, so an operator can pick a version explicitly,
// then the newest versioned distribution folder.
func findBinaries() (binaries, error) {
	if b, ok := fromPath(); ok {
		return b, nil
	}
	dirs, _ := filepath.Glob(fallbackGlob) // the pattern is constant and valid
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, dir := range dirs {
		if b, ok := fromDir(dir); ok {
			return b, nil
		}
	}
	return binaries{}, ErrNoBinaries
}

// fromPath takes both programs from PATH. Symlinks are resolved so that both
// come from the same installation and so log lines show the real version.
func fromPath() (binaries, bool) {
	pg, err := exec.LookPath("postgres")
	if err != nil {
		return binaries{}, false
	}
	if real, err := filepath.EvalSymlinks(pg); err == nil {
		pg = real
	}
	// initdb next to the real postgres guarantees matching versions.
	if b, ok := fromDir(filepath.Dir(pg)); ok {
		return b, true
	}
	initdb, err := exec.LookPath("initdb")
	if err != nil {
		return binaries{}, false
	}
	return binaries{initdb: initdb, postgres: pg}, true
}

func fromDir(dir string) (binaries, bool) {
	b := binaries{initdb: filepath.Join(dir, "initdb"), postgres: filepath.Join(dir, "postgres")}
	if !isExecutable(b.initdb) || !isExecutable(b.postgres) {
		return binaries{}, false
	}
	return b, true
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// versionOf extracts the major version from ".../postgresql/<major>/bin" so
// that 10 sorts above 9; anything unparsable sorts last.
func versionOf(binDir string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(filepath.Base(filepath.Dir(binDir))), 64)
	if err != nil {
		return -1
	}
	return v
}
