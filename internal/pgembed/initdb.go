package pgembed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// clusterLocale is a variable so a test can name a missing locale.
var clusterLocale = "C.UTF-8"

// initCluster runs initdb once for a new data dir.
func initCluster(ctx context.Context, initdb, dataDir string, o Options, run runAs) error {
	args := []string{"-D", dataDir, "-U", "postgres", "--encoding=UTF8"}
	if o.Password == "" {
		args = append(args, "--auth=trust")
	} else {
		pwfile, err := writePasswordFile(o.Password, run)
		if err != nil {
			return err
		}
		// The password must not stay on disk longer than initdb needs it.
		defer os.Remove(pwfile)
		args = append(args, "--auth=scram-sha-256", "--pwfile="+pwfile)
	}
	if o.Fast {
		args = append(args, "--no-sync")
	}
	// C.UTF-8 gives byte-order collation (fast, stable across glibc upgrades)
	// with UTF-8 character classes. Minimal systems may lack it; initdb then
	// fails before writing anything, and the plain C locale is the fallback.
	out, err := runInitdb(ctx, initdb, slices.Concat(args, []string{"--locale=" + clusterLocale}), run)
	if err != nil && strings.Contains(out, "invalid locale name") {
		if o.Logf != nil {
			o.Logf("pgembed: locale %s is not installed, initdb falls back to --no-locale", clusterLocale)
		}
		out, err = runInitdb(ctx, initdb, slices.Concat(args, []string{"--no-locale"}), run)
	}
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("pgembed: initdb %s interrupted: %w", dataDir, ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("pgembed: initdb %s: %w\n%s", dataDir, err, lastLines(out, 20))
	}
	return nil
}

func runInitdb(ctx context.Context, initdb string, args []string, run runAs) (string, error) {
	cmd := exec.CommandContext(ctx, initdb, args...)
	// initdb writes PG_VERSION early, so a killed initdb would leave a folder
	// that looks like a cluster. On SIGTERM it deletes what it created; the
	// kill after WaitDelay is only the fallback.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Dir = "/"
	cmd.Env = childEnv()
	cmd.SysProcAttr = childAttr(run)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writePasswordFile stores the password for initdb --pwfile, readable only by
// the user initdb runs as.
func writePasswordFile(password string, run runAs) (string, error) {
	if strings.ContainsAny(password, "\r\n") {
		// initdb reads only the first line, so it would silently truncate.
		return "", errors.New("pgembed: password must not contain line breaks")
	}
	f, err := os.CreateTemp(tempBase(run), "pgembed-pw-")
	if err != nil {
		return "", fmt.Errorf("pgembed: password file: %w", err)
	}
	_, werr := f.WriteString(password + "\n")
	cerr := f.Close()
	if err := errors.Join(werr, cerr, run.chown(f.Name())); err != nil {
		_ = os.Remove(f.Name())
		return "", fmt.Errorf("pgembed: password file: %w", err)
	}
	return f.Name(), nil
}

// tempBase is the temp folder, unless the server user cannot reach it.
func tempBase(run runAs) string {
	if run.cred != nil && checkTraversable(os.TempDir(), run.cred) != nil {
		return "/tmp"
	}
	return os.TempDir()
}

// childAttr is shared by initdb and postgres. Pdeathsig stops the child if we
// die; Go sets it after switching credentials, so it survives the setuid.
// A separate process group keeps terminal signals away from the server, so
// only our Stop decides how it shuts down.
func childAttr(run runAs) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{
		Credential: run.cred,
		Pdeathsig:  syscall.SIGTERM,
		Setpgid:    true,
	}
}

// childEnv drops variables that would change the children's behaviour behind
// our back (PG* settings, locales) and forces English messages, which the
// locale fallback above matches on.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "PG") || strings.HasPrefix(name, "LC_") || name == "LANG" || name == "LANGUAGE" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C")
}

// lastLines keeps error messages readable when a tool prints a lot.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
