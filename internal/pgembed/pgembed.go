package pgembed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// Options configures Start.
type Options struct {
	// DataDir is the cluster folder. initdb creates the cluster when the
	// folder is missing or empty (has no PG_VERSION).
	DataDir string
	// Port is the TCP port on 127.0.0.1. Zero disables TCP: the server then
	// listens only on its unix socket.
	Port int
	// Password, when set, makes initdb require scram-sha-256 authentication
	// with this password for the superuser "postgres". When empty every
	// local connection is trusted, which is only acceptable for tests.
	// It takes effect when the cluster is created, not on later starts.
	Password string
	// Fast turns off fsync, synchronous_commit and full_page_writes. A crash
	// can then corrupt the cluster, so it is for throwaway test clusters.
	Fast bool
	// Settings are extra server settings, passed as -c name=value.
	Settings map[string]string
	// Logf receives progress lines and the server's own log lines. May be
	// nil. It is called from another goroutine until Stop returns, so with
	// t.Logf, stop the server before the test ends (e.g. in t.Cleanup).
	Logf func(format string, args ...any)
}

// Instance is a running server started by Start.
type Instance struct {
	dataDir    string
	sockDir    string
	ownSockDir bool // sockDir is a temp dir we created and must remove
	port       int  // TCP port, or the number that names the unix socket
	tcp        bool
	password   string
	logf       func(format string, args ...any)

	cmd  *exec.Cmd
	log  *logTail
	done chan struct{} // closed once the server process has been reaped
	// exitErr is written before done is closed and read only after.
	exitErr error

	stopOnce sync.Once
	stopErr  error
}

// readyTimeout bounds how long Start waits for the server to accept
// connections; crash recovery on a large cluster is the slow case.
const readyTimeout = 30 * time.Second

// socketPort names the unix socket when TCP is off. postgres needs some port
// number for the socket file name; the socket dir is private, so any works.
const socketPort = 5432

// Start creates the cluster if needed, starts postgres and waits until it
// accepts connections. The server keeps running after ctx ends; ctx only
// bounds the start. Call Stop to shut it down.
func Start(ctx context.Context, o Options) (*Instance, error) {
	if o.DataDir == "" {
		return nil, errors.New("pgembed: Options.DataDir is required")
	}
	if o.Port < 0 || o.Port > 65535 {
		return nil, fmt.Errorf("pgembed: invalid port %d", o.Port)
	}
	logf := o.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	bins, err := findBinaries()
	if err != nil {
		return nil, err
	}
	dataDir, err := filepath.Abs(o.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pgembed: data dir: %w", err)
	}
	run, err := currentRunAs()
	if err != nil {
		return nil, err
	}
	if err := prepareDataDir(dataDir, run); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dataDir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		began := time.Now()
		if err := initCluster(ctx, bins.initdb, dataDir, o, run); err != nil {
			return nil, err
		}
		logf("pgembed: initdb %s took %s", dataDir, time.Since(began).Round(time.Millisecond))
	} else if err != nil {
		return nil, fmt.Errorf("pgembed: data dir: %w", err)
	}
	if err := removeStalePidFile(dataDir, logf); err != nil {
		return nil, err
	}

	inst := &Instance{dataDir: dataDir, password: o.Password, logf: logf, port: o.Port, tcp: o.Port != 0}
	if !inst.tcp {
		inst.port = socketPort
	}
	inst.sockDir, inst.ownSockDir, err = socketDir(dataDir, inst.port, run)
	if err != nil {
		return nil, err
	}
	began := time.Now()
	if err := inst.launch(bins.postgres, o, run); err != nil {
		inst.removeSockDir()
		return nil, err
	}
	if err := inst.waitReady(ctx); err != nil {
		// The server is unusable; make sure it is gone before reporting.
		kctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = inst.Stop(kctx)
		return nil, err
	}
	logf("pgembed: postgres (pid %d) accepting connections on %s after %s",
		inst.cmd.Process.Pid, inst.where(), time.Since(began).Round(time.Millisecond))
	return inst, nil
}

// DataDir returns the absolute path of the cluster folder.
func (i *Instance) DataDir() string { return i.dataDir }

// Done is closed when the server process has exited, whether through Stop or
// on its own, so a service can notice that its database died.
func (i *Instance) Done() <-chan struct{} { return i.done }

func (i *Instance) where() string {
	if i.tcp {
		return fmt.Sprintf("127.0.0.1:%d", i.port)
	}
	return i.sockDir
}
