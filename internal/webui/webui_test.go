package webui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("api:" + r.URL.Path)) })

	get := func(h http.Handler, p string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec
	}
	h := Handler(dir, api)
	if rec := get(h, "/"); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make dashboard") {
		t.Fatalf("unbuilt page: %d %q", rec.Code, rec.Body.String())
	}
	if rec := get(h, "/api/teams"); rec.Body.String() != "api:/api/teams" {
		t.Fatalf("api not forwarded: %q", rec.Body.String())
	}

	must(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<html>app</html>"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "assets"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "assets", "app-abc.js"), []byte("js"), 0o644))
	cases := map[string]struct {
		code int
		body string
	}{
		"/":                  {200, "app"},
		"/teams/t1":          {200, "app"},
		"/assets/app-abc.js": {200, "js"},
		"/assets/missing.js": {404, ""},
		"/health":            {200, "api:/health"},
		"/../etc/passwd":     {400, ""},
	}
	for p, want := range cases {
		rec := get(h, p)
		if rec.Code != want.code || !strings.Contains(rec.Body.String(), want.body) {
			t.Errorf("%s: %d %q, want %d %q", p, rec.Code, rec.Body.String(), want.code, want.body)
		}
	}
	if rec := get(h, "/"); rec.Header().Get("Content-Security-Policy") == "" {
		t.Error("no CSP header")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
