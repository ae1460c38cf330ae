package pgembed

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// launch starts the postmaster and a goroutine that reaps it, so that an
// unexpected exit is noticed (Done) and Stop never waits on a dead process.
func (i *Instance) launch(postgres string, o Options, run runAs) error {
	listen := ""
	if i.tcp {
		listen = "127.0.0.1"
	}
	args := []string{
		"-D", i.dataDir,
		"-p", strconv.Itoa(i.port),
		"-c", "listen_addresses=" + listen,
		"-c", "unix_socket_directories=" + i.sockDir,
	}
	if o.Fast {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	keys := make([]string, 0, len(o.Settings))
	for k := range o.Settings {
		keys = append(keys, k)
	}
	slices.Sort(keys) // stable command lines are easier to compare in ps
	for _, k := range keys {
		args = append(args, "-c", k+"="+o.Settings[k])
	}

	cmd := exec.Command(postgres, args...) // not CommandContext: ctx only bounds the start
	cmd.Dir = "/"
	cmd.Env = childEnv()
	cmd.SysProcAttr = childAttr(run)
	i.log = newLogTail(i.logf)
	// One writer for both streams: exec then uses a single pipe and copier,
	// which keeps the lines in order.
	cmd.Stdout, cmd.Stderr = i.log, i.log
	// Backends inherit the pipe. Should any outlive the postmaster, Wait
	// must still return rather than wait for them to close it.
	cmd.WaitDelay = 5 * time.Second
	i.cmd = cmd
	i.done = make(chan struct{})
	started := make(chan error, 1)
	go func() {
		// Pdeathsig fires when the forking OS thread exits, not the process,
		// and Go ends a thread when a goroutine exits while locked to it. So
		// fork from a thread this goroutine holds until the server is gone.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		i.exitErr = cmd.Wait()
		close(i.done)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("pgembed: start postgres: %w", err)
	}
	return nil
}

// waitReady polls with real connections until the server completes a login,
// which is the only reliable sign it is ready (recovery can take a while).
func (i *Instance) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	connString := i.ConnString("postgres")
	delay := 5 * time.Millisecond
	for {
		select {
		case <-i.done:
			return fmt.Errorf("pgembed: postgres exited while starting (%v); server log:\n%s", i.exitErr, i.log.String())
		default:
		}
		attemptCtx, cancelAttempt := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(attemptCtx, connString)
		cancelAttempt()
		if err == nil {
			return conn.Close(ctx)
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "28P01" || pgErr.Code == "28000") {
			// Retrying cannot fix credentials; the password only applies
			// when initdb creates the cluster.
			return fmt.Errorf("pgembed: postgres rejects our login (was the cluster in %s created with another password?): %w", i.dataDir, err)
		}
		select {
		case <-i.done:
		case <-ctx.Done():
			return fmt.Errorf("pgembed: postgres not accepting connections on %s: %w (last attempt: %v); server log:\n%s",
				i.where(), ctx.Err(), err, i.log.String())
		case <-time.After(delay):
		}
		delay = min(2*delay, 100*time.Millisecond)
	}
}
