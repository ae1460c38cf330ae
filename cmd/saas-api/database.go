package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/saaslite/controlplane/internal/config"
	"github.com/saaslite/controlplane/internal/pgembed"
)

// embeddedDBName is the database the service uses inside its own cluster.
const embeddedDBName = "saas"

// database is where the service keeps its data: DATABASE_URL, or a private
// PostgreSQL started from the server binaries on this machine.
type database struct {
	url      string
	embedded *pgembed.Instance
	log      *slog.Logger
}

func (d *database) close() {
	if d.embedded == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := d.embedded.Stop(ctx); err != nil {
		d.log.Error("stopping the embedded PostgreSQL", "error", err)
		return
	}
	d.log.Info("the embedded PostgreSQL has stopped")
}

func openDatabase(ctx context.Context, cfg *config.Config, log *slog.Logger) (*database, error) {
	if cfg.DatabaseURL != "" {
		return &database{url: cfg.DatabaseURL}, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	password, err := embeddedPassword(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	dataDir, err := filepath.Abs(filepath.Join(cfg.DataDir, "postgres"))
	if err != nil {
		return nil, err
	}
	log.Info("starting the embedded PostgreSQL", "data_dir", dataDir, "port", cfg.EmbeddedPort)
	opts := pgembed.Options{
		DataDir: dataDir, Port: cfg.EmbeddedPort, Password: password,
		Logf: func(format string, args ...any) { log.Debug(fmt.Sprintf(format, args...), "component", "postgres") },
	}
	inst, err := pgembed.Start(ctx, opts)
	if errors.Is(err, pgembed.ErrNotTraversable) {
		// Running as root in a private folder (say /root/project): the
		// unprivileged server user cannot reach DATA_DIR, so the cluster
		// lives in a system folder of its own, one per DATA_DIR.
		opts.DataDir = rootFallbackDir(dataDir)
		log.Warn("the data folder is not reachable by the unprivileged user that runs PostgreSQL; using a system folder instead",
			"data_dir", dataDir, "cluster_dir", opts.DataDir)
		inst, err = pgembed.Start(ctx, opts)
	}
	if err != nil {
		if errors.Is(err, pgembed.ErrNoBinaries) {
			return nil, errors.New(strings.TrimPrefix(err.Error(), "pgembed: "))
		}
		return nil, fmt.Errorf("embedded PostgreSQL: %w", err)
	}
	db := &database{embedded: inst, url: inst.ConnString(embeddedDBName), log: log}
	if err := ensureDatabase(ctx, inst.ConnString("postgres"), embeddedDBName); err != nil {
		db.close()
		return nil, err
	}
	return db, nil
}

// rootFallbackDir is where the cluster of dataDir lives when dataDir cannot
// be reached by the server user.
func rootFallbackDir(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	return filepath.Join("/var/lib/saas-api", hex.EncodeToString(sum[:6]), "postgres")
}

// embeddedPassword is generated once and kept (0600) in the data folder; the
// embedded cluster requires it even on loopback.
func embeddedPassword(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "postgres-password")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 16 {
		return strings.TrimSpace(string(b)), nil
	}
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	pw := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return pw, nil
}

func ensureDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to the embedded PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}
