package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/saaslite/controlplane/internal/apitest"
)

// The fuzz targets drive the real server over HTTP. Whatever arrives, the
// answer is a well-formed 2xx/4xx, never a 5xx (the validating transport
// fails the run on a 5xx or on an error without a JSON detail).

func FuzzBearerHeader(f *testing.F) {
	env := apitest.New(f)
	owner := env.SetupOwner()
	for _, s := range []string{"Bearer " + owner.Token, "Bearer invalid-token", "Bearer sk-abc", "Bearer " + apitest.MasterKey,
		"bearer eyJhbGciOiJub25lIn0.e30.", "Basic Zm9vOmJhcg==", "Bearer ", "Bearer a.b.c", strings.Repeat("Bearer x", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if !transmissible(header) {
			t.Skip("not a header value an HTTP client can send")
		}
		env := env.For(t)
		for _, path := range []string{"/api/admin-users/me", "/api/organizations", "/api/credits/teams/t1/balance"} {
			resp, _ := env.Raw("GET", path, nil, map[string]string{"Authorization": header})
			if resp.StatusCode != http.StatusOK && header != "Bearer "+owner.Token && !strings.Contains(header, apitest.MasterKey) {
				if resp.StatusCode != 401 && resp.StatusCode != 403 && resp.StatusCode != 404 {
					t.Fatalf("%s with %q = %d", path, header, resp.StatusCode)
				}
			}
		}
	})
}

func FuzzLoginBody(f *testing.F) {
	env := apitest.New(f)
	env.SetupOwner()
	for _, s := range []string{`{"email":"test-owner@example.com","password":"TestPassword123!"}`, `{"email":"a@b","password":""}`,
		`{}`, `[]`, `null`, `{"email":"a@b.c","password":"x","extra":{"deep":[1,2,{}]}}`, `{"email":"` + strings.Repeat("a", 300) + `"}`, "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, _ := env.For(t).Raw("POST", "/api/admin-users/login", body, map[string]string{"Content-Type": "application/json"})
		switch resp.StatusCode {
		case 200, 401, 422, 429:
		default:
			t.Fatalf("login with %q = %d", body, resp.StatusCode)
		}
	})
}

func FuzzCreateUserBody(f *testing.F) {
	env := apitest.New(f)
	owner := env.SetupOwner()
	for _, s := range []string{`{"email":"n@example.com","display_name":"N","password":"Password123","role":"user"}`,
		`{"email":"n@example.com","display_name":"N","password":"Password123","role":"owner","metadata":{"a":1}}`,
		`{"email":"n@example.com","display_name":"\u0000","password":"Password123"}`, `{"role":"admin"}`, `{"metadata":null}`} {
		f.Add([]byte(s))
	}
	headers := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + owner.Token}
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, _ := env.For(t).Raw("POST", "/api/admin-users", body, headers)
		switch resp.StatusCode {
		case 200, 400, 422:
		default:
			t.Fatalf("create user with %q = %d", body, resp.StatusCode)
		}
	})
}

// transmissible mirrors net/http's rule for header values: no control
// characters other than tab.
func transmissible(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
