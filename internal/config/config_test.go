package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8004 || c.DashboardPort != 3002 || c.EmbeddedPort != 5433 {
		t.Errorf("ports = %d/%d/%d", c.Port, c.DashboardPort, c.EmbeddedPort)
	}
	if c.MasterKey != DevMasterKey || c.Production || c.SessionTTL != 24*time.Hour || c.DataDir != ".data" {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestLoadRejects(t *testing.T) {
	strong := strings.Repeat("s", 32)
	other := strings.Repeat("j", 32)
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"bad env", map[string]string{"APP_ENV": "staging"}, "APP_ENV"},
		{"bad port", map[string]string{"PORT": "99999"}, "PORT"},
		{"bad ttl", map[string]string{"SESSION_TTL": "forever"}, "SESSION_TTL"},
		{"tiny ttl", map[string]string{"SESSION_TTL": "1s"}, "SESSION_TTL"},
		{"prod no master key", map[string]string{"APP_ENV": "production", "JWT_SECRET": other}, "MASTER_KEY must be set"},
		{"prod dev master key", map[string]string{"APP_ENV": "production", "MASTER_KEY": DevMasterKey, "JWT_SECRET": other}, "development key"},
		{"prod short master key", map[string]string{"APP_ENV": "production", "MASTER_KEY": "short", "JWT_SECRET": other}, "at least 32"},
		{"prod no jwt secret", map[string]string{"APP_ENV": "production", "MASTER_KEY": strong}, "JWT_SECRET must be set"},
		{"prod short jwt secret", map[string]string{"APP_ENV": "production", "MASTER_KEY": strong, "JWT_SECRET": "short"}, "JWT_SECRET must be at least 32"},
		{"prod same secrets", map[string]string{"APP_ENV": "production", "MASTER_KEY": strong, "JWT_SECRET": strong}, "differ"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestLoadProductionOK(t *testing.T) {
	c, err := Load(env(map[string]string{"APP_ENV": "production", "MASTER_KEY": strings.Repeat("m", 40), "JWT_SECRET": strings.Repeat("j", 40)}))
	if err != nil || !c.Production {
		t.Fatalf("c=%+v err=%v", c, err)
	}
}

func TestDevJWTSecretIsKept(t *testing.T) {
	dir := t.TempDir()
	c, _ := Load(env(map[string]string{"DATA_DIR": dir}))
	if err := c.EnsureDevJWTSecret(); err != nil {
		t.Fatal(err)
	}
	first := string(c.JWTSecret)
	c2, _ := Load(env(map[string]string{"DATA_DIR": dir}))
	if err := c2.EnsureDevJWTSecret(); err != nil {
		t.Fatal(err)
	}
	if len(first) < 32 || string(c2.JWTSecret) != first {
		t.Fatalf("secret not kept: %q vs %q", first, c2.JWTSecret)
	}
}
