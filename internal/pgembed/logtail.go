package pgembed

import (
	"bytes"
	"slices"
	"strings"
	"sync"
)

// logTailLines is how much server log Start quotes when the server fails.
const logTailLines = 50

// logTail receives the server's stderr: it forwards complete lines to Logf
// and keeps the last few for error messages.
type logTail struct {
	logf func(format string, args ...any)

	mu      sync.Mutex
	lines   []string
	partial []byte
}

func newLogTail(logf func(string, ...any)) *logTail {
	return &logTail{logf: logf}
}

func (l *logTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.partial = append(l.partial, p...)
	var complete []string
	for {
		line, rest, ok := bytes.Cut(l.partial, []byte{'\n'})
		if !ok {
			break
		}
		complete = append(complete, string(line))
		l.partial = rest
	}
	// Compact so a long-running server does not pin old buffers.
	l.partial = append([]byte(nil), l.partial...)
	l.lines = append(l.lines, complete...)
	if over := len(l.lines) - logTailLines; over > 0 {
		l.lines = append([]string(nil), l.lines[over:]...)
	}
	l.mu.Unlock()
	// Outside the lock: Logf may be slow or write back into logging.
	for _, line := range complete {
		l.logf("postgres: %s", line)
	}
	return len(p), nil
}

// String returns the retained lines, including an unterminated last one.
func (l *logTail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := l.lines
	if len(l.partial) > 0 {
		lines = append(slices.Clone(lines), string(l.partial))
	}
	return strings.Join(lines, "\n")
}
