// Package procrun starts the real saas-api binary on a fresh data folder
// with free ports, waits until it is ready, and stops it. The acceptance
// replay and the browser suite use it, so they test what `make run` runs.
package procrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Server is a running saas-api process.
type Server struct {
	APIURL       string
	DashboardURL string
	DataDir      string
	// StartupTime is from exec to the first ready answer.
	StartupTime time.Duration

	cmd  *exec.Cmd
	out  *syncBuffer
	done chan error
}

// Start runs binary `serve` with the embedded database in a new temporary
// data folder. extraEnv entries ("KEY=value") are added to the environment.
func Start(ctx context.Context, binary string, extraEnv ...string) (*Server, error) {
	dataDir, err := os.MkdirTemp("", "saas-run-")
	if err != nil {
		return nil, err
	}
	// The embedded PostgreSQL runs as an unprivileged user when we are
	// root; it must be able to reach its folder inside this one.
	if err := os.Chmod(dataDir, 0o755); err != nil {
		return nil, err
	}
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	s := &Server{
		APIURL:       "http://127.0.0.1:" + strconv.Itoa(ports[0]),
		DashboardURL: "http://127.0.0.1:" + strconv.Itoa(ports[1]),
		DataDir:      dataDir,
		out:          &syncBuffer{},
		done:         make(chan error, 1),
	}
	s.cmd = exec.Command(binary, "serve")
	s.cmd.Env = append(os.Environ(),
		"APP_ENV=development", "DATABASE_URL=", "HOST=127.0.0.1",
		"DATA_DIR="+dataDir,
		"PORT="+strconv.Itoa(ports[0]),
		"DASHBOARD_PORT="+strconv.Itoa(ports[1]),
		"EMBEDDED_DB_PORT="+strconv.Itoa(ports[2]),
	)
	s.cmd.Env = append(s.cmd.Env, extraEnv...)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", binary, err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	if err := s.waitReady(ctx, 90*time.Second); err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("%w\n--- server output ---\n%s", err, s.out.String())
	}
	s.StartupTime = time.Since(start)
	return s, nil
}

func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("saas-api exited before it was ready: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := http.Get(s.APIURL + "/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return errors.New("saas-api was not ready in time")
}

// Output is what the process printed so far.
func (s *Server) Output() string { return s.out.String() }

// Stop sends SIGTERM, waits for a clean exit (the embedded database stops
// with it) and removes the data folder.
func (s *Server) Stop() error {
	defer os.RemoveAll(s.DataDir)
	if s.cmd.Process == nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.done <- err
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return err
		}
		if exit != nil {
			return fmt.Errorf("saas-api exited with %v", err)
		}
		return nil
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("saas-api did not stop within 30s of SIGTERM")
	}
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var lns []net.Listener
	defer func() {
		for _, l := range lns {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		lns = append(lns, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
