// Package config reads the service's configuration from the environment and
// refuses unsafe production settings.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DevMasterKey is the legacy X-Admin-Key accepted in development only.
const DevMasterKey = "sk-admin-local-dev-change-in-production"

// Config is the whole runtime configuration.
type Config struct {
	// DatabaseURL is empty when the embedded PostgreSQL should be used.
	DatabaseURL   string
	Port          int
	DashboardPort int
	// DashboardDir holds the built dashboard (index.html and assets).
	DashboardDir string
	MasterKey    string
	JWTSecret    []byte
	Production   bool
	SessionTTL   time.Duration
	DataDir      string
	// EmbeddedPort is the embedded PostgreSQL's loopback port.
	EmbeddedPort int
	// CORSOrigins may call the API on PORT from a browser.
	CORSOrigins []string
	// ListenHost is the interface both ports bind to: loopback in
	// development (the development master key is public), all interfaces in
	// production.
	ListenHost string
}

// Load reads the environment (getenv is os.Getenv outside tests).
func Load(getenv func(string) string) (*Config, error) {
	c := &Config{
		DatabaseURL:  strings.TrimSpace(getenv("DATABASE_URL")),
		DataDir:      orDefault(getenv("DATA_DIR"), ".data"),
		DashboardDir: orDefault(getenv("DASHBOARD_DIR"), "dashboard/dist"),
		MasterKey:    getenv("MASTER_KEY"),
	}
	env := orDefault(getenv("APP_ENV"), "development")
	switch env {
	case "development":
	case "production":
		c.Production = true
	default:
		return nil, fmt.Errorf("APP_ENV must be development or production, not %q", env)
	}
	var err error
	if c.Port, err = port(getenv, "PORT", 8004); err != nil {
		return nil, err
	}
	if c.DashboardPort, err = port(getenv, "DASHBOARD_PORT", 3002); err != nil {
		return nil, err
	}
	if c.EmbeddedPort, err = port(getenv, "EMBEDDED_DB_PORT", 5433); err != nil {
		return nil, err
	}
	ttl := orDefault(getenv("SESSION_TTL"), "24h")
	if c.SessionTTL, err = time.ParseDuration(ttl); err != nil || c.SessionTTL < time.Minute || c.SessionTTL > 90*24*time.Hour {
		return nil, fmt.Errorf("SESSION_TTL must be a duration between 1m and 2160h, not %q", ttl)
	}
	origins := orDefault(getenv("CORS_ORIGINS"), fmt.Sprintf("http://localhost:%d,http://127.0.0.1:%d", c.DashboardPort, c.DashboardPort))
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	if secret := getenv("JWT_SECRET"); secret != "" {
		c.JWTSecret = []byte(secret)
	}

	c.ListenHost = strings.TrimSpace(getenv("HOST"))
	if c.Production {
		if c.ListenHost == "" {
			c.ListenHost = "0.0.0.0"
		}
		return c, c.checkProduction()
	}
	if c.ListenHost == "" {
		c.ListenHost = "127.0.0.1"
	}
	if c.MasterKey == "" {
		c.MasterKey = DevMasterKey
	}
	return c, nil
}

// checkProduction refuses the development defaults.
func (c *Config) checkProduction() error {
	switch {
	case c.MasterKey == "":
		return errors.New("production: MASTER_KEY must be set")
	case c.MasterKey == DevMasterKey:
		return errors.New("production: MASTER_KEY is the development key; set a secret of your own")
	case len(c.MasterKey) < 32:
		return errors.New("production: MASTER_KEY must be at least 32 bytes")
	case len(c.JWTSecret) == 0:
		return errors.New("production: JWT_SECRET must be set")
	case len(c.JWTSecret) < 32:
		return errors.New("production: JWT_SECRET must be at least 32 bytes")
	case string(c.JWTSecret) == c.MasterKey:
		return errors.New("production: JWT_SECRET must differ from MASTER_KEY")
	}
	return nil
}

// EnsureDevJWTSecret gives development a stable JWT secret without
// configuration: generated once and kept (0600) in the data folder, so
// sessions survive restarts.
func (c *Config) EnsureDevJWTSecret() error {
	if len(c.JWTSecret) > 0 {
		return nil
	}
	if c.Production {
		return errors.New("production: JWT_SECRET must be set")
	}
	path := filepath.Join(c.DataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		c.JWTSecret = []byte(strings.TrimSpace(string(b)))
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return err
	}
	secret := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	c.JWTSecret = []byte(secret)
	return nil
}

func orDefault(v, def string) string {
	if v = strings.TrimSpace(v); v == "" {
		return def
	}
	return v
}

func port(getenv func(string) string, name string, def int) (int, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	p, err := strconv.Atoi(v)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("%s must be a port number, not %q", name, v)
	}
	return p, nil
}
