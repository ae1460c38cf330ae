package pgembed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// runAs is the identity initdb and postgres run under. cred is nil when we
// are not root and the children simply inherit our identity.
type runAs struct {
	cred *syscall.Credential
}

// serverUser is who runs the server when we are root; postgres refuses root.
const serverUser = "nobody"

func currentRunAs() (runAs, error) {
	if os.Geteuid() != 0 {
		return runAs{}, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		return runAs{}, fmt.Errorf("pgembed: running as root needs user %q to run postgres: %w", serverUser, err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return runAs{}, fmt.Errorf("pgembed: user %q: %w", serverUser, err)
	}
	// Leaving Groups empty makes Go drop root's supplementary groups too.
	return runAs{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

func (r runAs) chown(path string) error {
	if r.cred == nil {
		return nil
	}
	if err := os.Chown(path, int(r.cred.Uid), int(r.cred.Gid)); err != nil {
		return fmt.Errorf("pgembed: chown %s to %s: %w", path, serverUser, err)
	}
	return nil
}

// prepareDataDir creates the data dir (0700, as postgres demands) and, when
// we are root, hands it to the server user and checks that user can reach it.
func prepareDataDir(dataDir string, run runAs) error {
	parent := filepath.Dir(dataDir)
	if run.cred != nil {
		// Fail before creating anything under a folder nobody cannot enter.
		if err := checkTraversable(existingAncestor(parent), run.cred); err != nil {
			return err
		}
	}
	created, err := mkdirParents(parent)
	if err != nil {
		return fmt.Errorf("pgembed: create %s: %w", parent, err)
	}
	if err := os.Mkdir(dataDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("pgembed: create data dir: %w", err)
	}
	if fi, err := os.Stat(dataDir); err != nil {
		return fmt.Errorf("pgembed: data dir: %w", err)
	} else if !fi.IsDir() {
		return fmt.Errorf("pgembed: data dir %s is not a directory", dataDir)
	}
	if run.cred == nil {
		return nil
	}
	// Our own umask may have made new parents unreadable for the server user.
	for _, dir := range created {
		if err := os.Chmod(dir, 0o755); err != nil {
			return fmt.Errorf("pgembed: %w", err)
		}
	}
	if err := checkTraversable(parent, run.cred); err != nil {
		return err
	}
	return chownTree(dataDir, run)
}

// mkdirParents is os.MkdirAll that reports which folders it created, so only
// those get their mode changed.
func mkdirParents(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if d == filepath.Dir(d) {
			break
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	return missing, os.MkdirAll(dir, 0o755)
}

func existingAncestor(dir string) string {
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	return dir
}

// ErrNotTraversable means that, running as root, a parent folder of the data
// dir cannot be entered by the unprivileged user that runs postgres.
var ErrNotTraversable = errors.New("pgembed: data folder not reachable by the server user")

// checkTraversable walks from dir up to / and reports the first folder the
// server user cannot enter. postgres would otherwise fail with a bare
// "permission denied" on the data dir, which does not name the culprit.
func checkTraversable(dir string, cred *syscall.Credential) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("pgembed: %w", err)
	}
	for d := real; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("pgembed: %w", err)
		}
		if !traversable(fi, cred) {
			return fmt.Errorf("%w: directory %s (mode %v) is not traversable by user %s, which runs postgres because we are root; run chmod o+x %s or put the data dir elsewhere",
				ErrNotTraversable, d, fi.Mode().Perm(), serverUser, d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// traversable applies the Unix rule that only the first matching class
// (owner, group, other) counts. ACLs are not considered.
func traversable(fi fs.FileInfo, cred *syscall.Credential) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true // cannot tell; let postgres report it
	}
	perm := fi.Mode().Perm()
	switch {
	case st.Uid == cred.Uid:
		return perm&0o100 != 0
	case st.Gid == cred.Gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// chownTree gives the data dir to the server user. A cluster already owned
// by that user is left alone; otherwise (a fresh folder, or one copied by
// root) every entry is changed, since postgres insists on owning all of it.
func chownTree(dataDir string, run runAs) error {
	fi, err := os.Stat(dataDir)
	if err != nil {
		return fmt.Errorf("pgembed: %w", err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid == run.cred.Uid && st.Gid == run.cred.Gid {
		return nil
	}
	return filepath.WalkDir(dataDir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := os.Lchown(path, int(run.cred.Uid), int(run.cred.Gid)); err != nil {
			return fmt.Errorf("pgembed: chown %s to %s: %w", path, serverUser, err)
		}
		return nil
	})
}
