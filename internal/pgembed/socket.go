package pgembed

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// maxSocketPath is sizeof(sockaddr_un.sun_path) minus the terminating NUL.
const maxSocketPath = 107

// socketDir picks where the unix socket lives: the data dir when the socket
// path fits, otherwise a private temp dir that Stop removes.
func socketDir(dataDir string, port int, run runAs) (dir string, own bool, err error) {
	if socketDirUsable(dataDir, port) {
		return dataDir, false, nil
	}
	for _, base := range []string{os.TempDir(), "/tmp"} {
		if run.cred != nil && checkTraversable(base, run.cred) != nil {
			continue
		}
		dir, err := os.MkdirTemp(base, "pgembed-")
		if err != nil {
			continue
		}
		if !socketDirUsable(dir, port) {
			_ = os.Remove(dir)
			continue
		}
		if err := run.chown(dir); err != nil {
			_ = os.Remove(dir)
			return "", false, err
		}
		return dir, true, nil
	}
	return "", false, fmt.Errorf("pgembed: no folder short enough for a unix socket (at most %d bytes) under %s or /tmp", maxSocketPath, os.TempDir())
}

// socketDirUsable also rejects characters that unix_socket_directories, a
// comma-separated list, would need quoting for.
func socketDirUsable(dir string, port int) bool {
	path := filepath.Join(dir, fmt.Sprintf(".s.PGSQL.%d", port))
	return len(path) <= maxSocketPath && !strings.ContainsAny(dir, ",\"") && strings.TrimSpace(dir) == dir
}

func (i *Instance) removeSockDir() {
	if i.ownSockDir {
		_ = os.RemoveAll(i.sockDir)
	}
}
