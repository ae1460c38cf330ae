package pgembed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// removeStalePidFile deletes a postmaster.pid left behind by a crash. postgres
// would refuse to start while the PID in it belongs to any live process
// (after a reboot it often does), so a leftover file would block us for good.
// The file is kept, and an error returned, while any postgres process still
// works in the data dir: besides the postmaster that includes backends
// orphaned by a killed postmaster, which may still write to the cluster.
func removeStalePidFile(dataDir string, logf func(string, ...any)) error {
	path := filepath.Join(dataDir, "postmaster.pid")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgembed: %w", err)
	}
	realDir, err := filepath.EvalSymlinks(dataDir)
	if err != nil {
		return fmt.Errorf("pgembed: %w", err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(first))
	if pid > 0 && isPostgresIn(pid, realDir) {
		return fmt.Errorf("pgembed: postgres (pid %d) is already running on data dir %s; stop it before starting another", pid, dataDir)
	}
	if pids := postgresProcessesIn(realDir); len(pids) > 0 {
		return fmt.Errorf("pgembed: postgres process %d still uses data dir %s although its postmaster is gone; wait for it to exit or kill it", pids[0], dataDir)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("pgembed: remove stale postmaster.pid: %w", err)
	}
	logf("pgembed: removed stale postmaster.pid (pid %q is not a postgres on this data dir)", strings.TrimSpace(first))
	return nil
}

// postgresProcessesIn lists every postgres process whose working directory is
// realDir. postgres chdirs into its data dir and its children inherit that,
// which identifies them even after they rewrite their command line.
func postgresProcessesIn(realDir string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		if isPostgresIn(pid, realDir) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// isPostgresIn reports whether pid is a live postgres process for realDir.
// A process that has exited (or is a zombie) has an empty command line.
func isPostgresIn(pid int, realDir string) bool {
	proc := "/proc/" + strconv.Itoa(pid)
	cmdline, err := os.ReadFile(proc + "/cmdline")
	if err != nil || len(cmdline) == 0 {
		return false
	}
	argv0, _, _ := bytes.Cut(cmdline, []byte{0})
	if !strings.Contains(filepath.Base(string(argv0)), "postgres") {
		return false
	}
	if cwd, err := os.Readlink(proc + "/cwd"); err == nil {
		return cwd == realDir
	}
	// Another user's process: its cwd is hidden, but a postmaster still shows
	// the -D argument it was started with.
	for arg := range bytes.SplitSeq(cmdline, []byte{0}) {
		if a := string(arg); a == realDir || strings.TrimPrefix(a, "-D") == realDir {
			return true
		}
	}
	return false
}
