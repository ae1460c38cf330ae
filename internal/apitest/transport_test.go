package apitest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
)

// recorder is a testing.TB that keeps Errorf calls instead of failing.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Helper() {}

// The transport must catch responses that break the spec, or every
// integration test would pass vacuously.
func TestTransportCatchesViolations(t *testing.T) {
	spec, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, method, path, body string
		status                   int
		respBody                 string
		want                     string // substring of the recorded error; "" = none
	}{
		{"valid health", "GET", "/health", "", 200, `{"status":"healthy"}`, ""},
		{"bad enum", "GET", "/health", "", 200, `{"status":"fine"}`, "breaks the spec"},
		{"undeclared status", "GET", "/health", "", 418, `{"detail":"teapot"}`, "breaks the spec"},
		{"error without detail", "GET", "/api/admin-users/me", "", 401, `{"message":"no"}`, "without a JSON detail"},
		{"server error", "GET", "/api/admin-users/me", "", 500, `{"detail":"boom"}`, "server error"},
		{"invalid request accepted", "GET", "/api/admin-users/audit-logs?limit=0", "", 200, `[]`, "breaks the spec"},
		{"missing field", "GET", "/api/admin-users/setup/status", "", 200, `{"needs_setup":true}`, "breaks the spec"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("WWW-Authenticate", "Bearer")
				w.WriteHeader(c.status)
				_, _ = w.Write([]byte(c.respBody))
			}))
			defer srv.Close()
			rec := &recorder{TB: t}
			hc := &http.Client{Transport: &validatingTransport{t: rec, router: newSpecRouter(spec), next: http.DefaultTransport}}
			req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := strings.Join(rec.errors, "\n")
			if c.want == "" && got != "" {
				t.Fatalf("unexpected errors: %s", got)
			}
			if c.want != "" && !strings.Contains(got, c.want) {
				t.Fatalf("errors %q do not mention %q", got, c.want)
			}
		})
	}
}
