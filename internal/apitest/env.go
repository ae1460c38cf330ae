// Package apitest runs the real API over real HTTP on a fresh database and
// hands tests the generated Go client, with every exchange validated against
// openapi.yaml.
package apitest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/app"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/config"
	"github.com/saaslite/controlplane/internal/testdb"
)

// MasterKey is the X-Admin-Key of test servers.
const MasterKey = config.DevMasterKey

func init() {
	// Tests check behaviour, not bcrypt's cost; keep hashing cheap.
	auth.BcryptCost = 4
}

// Env is one running server on its own database.
type Env struct {
	t      testing.TB
	URL    string
	Pool   *pgxpool.Pool
	Config *config.Config
	http   *http.Client
	router *specRouter
}

// Option adjusts the configuration of a test server.
type Option func(map[string]string)

// WithEnv sets a configuration variable.
func WithEnv(key, value string) Option {
	return func(m map[string]string) { m[key] = value }
}

// New starts a server on a fresh migrated database; it stops at cleanup.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	vars := map[string]string{
		"JWT_SECRET":    strings.Repeat("test-secret-", 4),
		"DATA_DIR":      t.TempDir(),
		"DASHBOARD_DIR": t.TempDir(),
	}
	for _, o := range opts {
		o(vars)
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	pool := testdb.Pool(t)
	a, err := app.New(cfg, pool, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.API)
	t.Cleanup(srv.Close)

	spec, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	e := &Env{URL: srv.URL, Pool: pool, Config: cfg, router: newSpecRouter(spec)}
	return e.For(t)
}

// For returns the same server reporting to t: fuzz targets and subtests must
// fail their own t, not the parent's.
func (e *Env) For(t testing.TB) *Env {
	c := *e
	c.t = t
	c.http = &http.Client{Transport: &validatingTransport{t: t, router: e.router, next: http.DefaultTransport}}
	return &c
}

// Credential decorates requests.
type Credential = client.RequestEditorFn

// Bearer sends an Authorization bearer token (a JWT or a key).
func Bearer(token string) Credential {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

// AdminKey sends X-Admin-Key.
func AdminKey(key string) Credential {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-Admin-Key", key)
		return nil
	}
}

// Header sets any header.
func Header(name, value string) Credential {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set(name, value)
		return nil
	}
}

// Client returns the generated client; creds apply to every request.
func (e *Env) Client(creds ...Credential) *client.ClientWithResponses {
	opts := []client.ClientOption{client.WithHTTPClient(e.http)}
	for _, c := range creds {
		opts = append(opts, client.WithRequestEditorFn(c))
	}
	c, err := client.NewClientWithResponses(e.URL, opts...)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// Raw sends a hand-made request (for bodies the typed client cannot send)
// through the same validating transport.
func (e *Env) Raw(method, path string, body []byte, headers map[string]string) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.URL+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if body == nil {
		req.Body = http.NoBody
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := e.http.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}
