package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/saaslite/controlplane/internal/apitest"
)

// TestBadInput sends malformed requests; each must get its exact 4xx with a
// detail (the validating transport also checks the error shape).
func TestBadInput(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	auth := map[string]string{"Authorization": "Bearer " + owner.Token, "Content-Type": "application/json"}
	anon := map[string]string{"Content-Type": "application/json"}
	long := strings.Repeat("a", 300)

	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		want                     int
	}{
		{"invalid JSON", "POST", "/api/admin-users/login", `{"email":`, anon, 422},
		{"trailing garbage", "POST", "/api/admin-users/login", `{"email":"a@b.c","password":"x"} x`, anon, 422},
		{"JSON array", "POST", "/api/admin-users/login", `[]`, anon, 422},
		{"empty body", "POST", "/api/admin-users/login", ``, anon, 422},
		{"wrong type", "POST", "/api/admin-users/login", `{"email":1,"password":"x"}`, anon, 422},
		{"missing field", "POST", "/api/admin-users/login", `{"email":"a@b.c"}`, anon, 422},
		{"null field", "POST", "/api/admin-users/login", `{"email":null,"password":"x"}`, anon, 422},
		{"not an email", "POST", "/api/admin-users/login", `{"email":"nope","password":"x"}`, anon, 422},
		{"text/plain", "POST", "/api/admin-users/login", `{"email":"a@b.c","password":"x"}`, map[string]string{"Content-Type": "text/plain"}, 415},
		{"no content type", "POST", "/api/admin-users/login", `{"email":"a@b.c","password":"x"}`, map[string]string{}, 415},
		{"form", "POST", "/api/admin-users/login", `email=a`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"short password", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"N","password":"short"}`, auth, 422},
		{"73-byte password", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"N","password":"` + strings.Repeat("p", 73) + `"}`, auth, 422},
		{"72 bytes in 36 runes", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"N","password":"` + strings.Repeat("é", 37) + `"}`, auth, 422},
		{"unknown role", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"N","password":"Password123","role":"root"}`, auth, 422},
		{"empty display name", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"","password":"Password123"}`, auth, 422},
		{"blank display name", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"   ","password":"Password123"}`, auth, 422},
		{"control char name", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"a\u0000b","password":"Password123"}`, auth, 422},
		{"long display name", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"` + long + `","password":"Password123"}`, auth, 422},
		{"long email", "POST", "/api/admin-users", `{"email":"` + long + `@b.c","display_name":"N","password":"Password123"}`, auth, 422},
		{"metadata not object", "POST", "/api/admin-users", `{"email":"n@b.c","display_name":"N","password":"Password123","metadata":[1]}`, auth, 422},
		{"empty update", "PUT", "/api/admin-users/" + owner.User.UserId.String(), `{}`, auth, 422},
		{"bad is_active", "PUT", "/api/admin-users/" + owner.User.UserId.String(), `{"is_active":"no"}`, auth, 422},
		{"non-uuid id", "PUT", "/api/admin-users/123", `{"display_name":"x"}`, auth, 422},
		{"non-uuid delete", "DELETE", "/api/admin-users/not-a-uuid", ``, auth, 422},
		{"uuid with spaces", "DELETE", "/api/admin-users/%20" + owner.User.UserId.String(), ``, auth, 422},
		{"limit text", "GET", "/api/admin-users/audit-logs?limit=ten", ``, auth, 422},
		{"limit huge", "GET", "/api/admin-users/audit-logs?limit=99999999999999999999", ``, auth, 422},
		{"action with spaces", "GET", "/api/admin-users/audit-logs?action=a%20b", ``, auth, 422},
		{"unknown route", "GET", "/api/nothing-here", ``, auth, 404},
		{"wrong method", "PATCH", "/api/admin-users/me", ``, auth, 405},
	}
	for _, c := range cases {
		resp, body := env.Raw(c.method, c.path, []byte(c.body), c.headers)
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d: %s", c.name, resp.StatusCode, c.want, body)
		}
	}
}

// Bodies over 1 MiB are refused with 413, with or without a declared length.
func TestBodyLimit(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	big := append([]byte(`{"email":"a@b.c","password":"`), bytes.Repeat([]byte("x"), 1<<20+10)...)
	big = append(big, []byte(`"}`)...)

	resp, body := env.Raw("POST", "/api/admin-users/login", big, map[string]string{"Content-Type": "application/json"})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("sized = %d %s", resp.StatusCode, body)
	}

	// Chunked: no Content-Length, the limit applies while reading.
	req, _ := http.NewRequest("POST", env.URL+"/api/admin-users/login", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "detail") {
		t.Fatalf("chunked = %d %s", r.StatusCode, b)
	}
	if len(r.TransferEncoding) == 0 && req.ContentLength != -1 {
		t.Fatal("request was not chunked")
	}
}
