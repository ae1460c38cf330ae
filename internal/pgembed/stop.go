package pgembed

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"time"
)

// shutdownTimeout is how long a fast shutdown may take before Stop escalates.
const shutdownTimeout = 15 * time.Second

// quitTimeout bounds the immediate shutdown (SIGQUIT) before SIGKILL.
const quitTimeout = 5 * time.Second

// Stop shuts the server down: SIGINT (fast shutdown: roll back sessions,
// checkpoint, exit), then SIGQUIT (immediate, needs recovery on next start)
// after 15s or when ctx ends, then SIGKILL. It returns once no server process
// is left. It is safe to call more than once and from several goroutines;
// later calls return the first call's result.
func (i *Instance) Stop(ctx context.Context) error {
	i.stopOnce.Do(func() {
		i.stopErr = i.stop(ctx)
		i.killLeftovers()
		i.removeSockDir()
	})
	return i.stopErr
}

func (i *Instance) stop(ctx context.Context) error {
	select {
	case <-i.done:
		return fmt.Errorf("pgembed: postgres had already exited: %v; server log:\n%s", i.exitErr, i.log.String())
	default:
	}
	// Signal only the postmaster: it coordinates its children, and SIGINT
	// would mean "cancel query" to a backend.
	_ = i.cmd.Process.Signal(syscall.SIGINT)
	if i.waitExit(ctx, shutdownTimeout) {
		if i.exitErr != nil {
			return fmt.Errorf("pgembed: postgres shutdown: %w; server log:\n%s", i.exitErr, i.log.String())
		}
		return nil
	}
	i.logf("pgembed: postgres did not finish a fast shutdown, sending SIGQUIT")
	_ = i.cmd.Process.Signal(syscall.SIGQUIT)
	if !i.waitExit(context.Background(), quitTimeout) {
		i.logf("pgembed: postgres ignored SIGQUIT, killing it")
		_ = i.cmd.Process.Kill()
		<-i.done // bounded: SIGKILL cannot be ignored and Wait has a WaitDelay
	}
	reason := fmt.Sprintf("no fast shutdown within %s", shutdownTimeout)
	if ctx.Err() != nil {
		reason = ctx.Err().Error()
	}
	return fmt.Errorf("pgembed: postgres had to be forced down (%s); the next start runs crash recovery", reason)
}

// waitExit reports whether the server exited within d (or before ctx ended).
func (i *Instance) waitExit(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-i.done:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	select { // it may have exited at the same moment
	case <-i.done:
		return true
	default:
		return false
	}
}

// killLeftovers kills backends that outlived their postmaster (possible only
// when the postmaster was killed), so Stop never leaves a process behind.
// They are found by working directory rather than process group, because a
// group ID can be reused once the postmaster has been reaped.
func (i *Instance) killLeftovers() {
	realDir, err := filepath.EvalSymlinks(i.dataDir)
	if err != nil {
		return
	}
	for _, pid := range postgresProcessesIn(realDir) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}
