package testdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/saaslite/controlplane/internal/pgembed"
)

// cluster is the throwaway server of one test binary.
type cluster struct {
	dir  string   // temp dir holding the data dir and the lock file
	lock *os.File // flock held for the binary's lifetime; see sweepLeftovers
	inst *pgembed.Instance
}

// dirPattern names the temp dirs, so sweepLeftovers can find them.
const dirPattern = "testdb-*"

// lockName is the file whose flock marks a temp dir as in use.
const lockName = "lock"

func startCluster(ctx context.Context) (*cluster, error) {
	dir, err := os.MkdirTemp("", dirPattern)
	if err != nil {
		return nil, fmt.Errorf("testdb: %w", err)
	}
	c := &cluster{dir: dir}
	if c.lock, err = lockDir(dir); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	// As root, postgres runs as nobody and must be able to enter the dir.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, errors.Join(fmt.Errorf("testdb: %w", err), c.remove())
	}
	c.inst, err = pgembed.Start(ctx, pgembed.Options{
		DataDir: filepath.Join(dir, "data"),
		Fast:    true,
		// Parallel tests each hold a pool; the default 100 runs out on
		// machines with many cores.
		Settings: map[string]string{"max_connections": "300"},
	})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("testdb: %w", err), c.remove())
	}
	return c, nil
}

func (c *cluster) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := c.inst.Stop(ctx)
	return errors.Join(err, c.remove())
}

func (c *cluster) remove() error {
	err := os.RemoveAll(c.dir)
	_ = c.lock.Close() // releases the flock; the dir is gone by now
	if err != nil {
		return fmt.Errorf("testdb: remove %s: %w", c.dir, err)
	}
	return nil
}

// lockDir takes an exclusive flock that the kernel releases when this
// process dies, however it dies. The file is locked under another name and
// then renamed, so a sweeper never finds it unlocked while we are alive.
func lockDir(dir string) (*os.File, error) {
	tmp := filepath.Join(dir, lockName+".new")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("testdb: %w", err)
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, lockName))
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("testdb: lock %s: %w", dir, err)
	}
	return f, nil
}

// sweepLeftovers deletes temp dirs of earlier test binaries that died without
// cleaning up: a panicking test or -timeout ends the process without
// returning to Main. Their cluster has already shut down (pgembed's
// parent-death signal), and an unlocked flock proves the owner is gone, even
// across PID namespaces sharing /tmp. A dir with no lock file yet may be
// brand new, so it is only removed once it is an hour old.
func sweepLeftovers() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPattern))
	for _, dir := range dirs {
		f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR, 0)
		if err != nil {
			if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() && time.Since(fi.ModTime()) > time.Hour {
				_ = os.RemoveAll(dir)
			}
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			_ = os.RemoveAll(dir)
		}
		_ = f.Close()
	}
}
