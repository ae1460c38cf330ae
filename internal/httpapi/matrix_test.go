package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
	"github.com/saaslite/controlplane/internal/auth"
)

// credential kinds of the matrix, in column order.
var credentialKinds = []string{"none", "bad token", "expired token", "revoked session", "deactivated user", "owner", "admin", "user", "master key", "master key as bearer"}

// adminUserOps are every admin-user operation; each returns the status code.
// Targets are users the role may act on, so a 200 means "allowed".
type opFunc func(c *client.ClientWithResponses, f *fixture) int

type fixture struct {
	targetUser uuid.UUID // a role-`user` account
	seq        int
}

func (f *fixture) email() string {
	f.seq++
	return "matrix-" + uuid.NewString()[:8] + "@example.com"
}

var adminUserOps = []struct {
	name string
	run  opFunc
	// want per credential kind, same order as credentialKinds.
	want [10]int
}{
	{"GET /me", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.GetMeWithResponse(bg)
		return r.StatusCode()
	},
		[10]int{401, 401, 401, 401, 401, 200, 200, 200, 401, 401}},
	{"GET /me/sessions", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.ListMySessionsWithResponse(bg)
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 200, 401, 401}},
	{"DELETE /me/sessions/{id}", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.RevokeMySessionWithResponse(bg, uuid.New())
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 404, 404, 404, 401, 401}},
	{"GET users", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.ListAdminUsersWithResponse(bg)
		return r.StatusCode()
	},
		[10]int{401, 401, 401, 401, 401, 200, 200, 403, 401, 401}},
	{"POST users", func(c *client.ClientWithResponses, f *fixture) int {
		r, _ := c.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: f.email(), DisplayName: "M", Password: "Password123", Role: ptr(client.RoleUser)})
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 403, 401, 401}},
	{"PUT users/{id}", func(c *client.ClientWithResponses, f *fixture) int {
		r, _ := c.UpdateAdminUserWithResponse(bg, f.targetUser, client.AdminUserUpdate{DisplayName: ptr("Renamed")})
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 403, 401, 401}},
	{"DELETE users/{id}", func(c *client.ClientWithResponses, f *fixture) int {
		r, _ := c.DeactivateAdminUserWithResponse(bg, f.targetUser)
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 403, 401, 401}},
	{"GET audit-logs", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.ListAuditLogsWithResponse(bg, nil)
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 403, 401, 401}},
	{"POST change-password (wrong current)", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: "not-the-password", NewPassword: "Whatever123"})
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 401, 401, 401, 401, 401}},
	{"POST me/sessions/revoke-others", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.RevokeMyOtherSessionsWithResponse(bg)
		return r.StatusCode()
	}, [10]int{401, 401, 401, 401, 401, 200, 200, 200, 401, 401}},
	{"POST logout", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.LogoutWithResponse(bg)
		return r.StatusCode()
	},
		[10]int{401, 401, 401, 401, 401, 200, 200, 200, 401, 401}},
	{"public setup/status", func(c *client.ClientWithResponses, _ *fixture) int {
		r, _ := c.GetSetupStatusWithResponse(bg)
		return r.StatusCode()
	}, [10]int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
}

// TestAdminUserMatrix runs every admin-user operation with every kind of
// credential. Each cell gets fresh sessions, so logout and revocations in
// one cell cannot leak into another.
func TestAdminUserMatrix(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	tokens := auth.NewTokens(env.Config.JWTSecret)

	for _, op := range adminUserOps {
		for col, kind := range credentialKinds {
			// A fresh owner session per cell: "revoke others" and logout
			// cells end the owner's earlier sessions.
			creator := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
			creator.User = owner.User
			creds := credentialFor(t, env, creator, tokens, kind)
			target, _ := env.NewUser(creator, client.RoleUser)
			f := &fixture{targetUser: target.User.UserId}
			got := op.run(env.Client(creds...), f)
			if got != op.want[col] {
				t.Errorf("%s with %s = %d, want %d", op.name, kind, got, op.want[col])
			}
		}
	}
}

// credentialFor returns request decorations for one credential kind.
func credentialFor(t *testing.T, env *apitest.Env, owner apitest.Session, tokens *auth.Tokens, kind string) []apitest.Credential {
	t.Helper()
	switch kind {
	case "none":
		return nil
	case "bad token":
		return []apitest.Credential{apitest.Bearer("invalid-token")}
	case "expired token":
		raw, err := tokens.Issue(auth.AccessClaims{UserID: owner.User.UserId, SessionID: uuid.New(), Role: "owner"}, time.Now().Add(-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return []apitest.Credential{apitest.Bearer(raw)}
	case "revoked session":
		s := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
		if r, _ := env.Client(apitest.Bearer(s.Token)).LogoutWithResponse(bg); r.StatusCode() != 200 {
			t.Fatal("logout failed")
		}
		return []apitest.Credential{apitest.Bearer(s.Token)}
	case "deactivated user":
		s, _ := env.NewUser(owner, client.RoleAdmin)
		if r, _ := env.Client(apitest.Bearer(owner.Token)).DeactivateAdminUserWithResponse(bg, s.User.UserId); r.StatusCode() != 200 {
			t.Fatal("deactivate failed")
		}
		return []apitest.Credential{apitest.Bearer(s.Token)}
	case "owner":
		return []apitest.Credential{apitest.Bearer(env.Login(apitest.OwnerEmail, apitest.OwnerPassword).Token)}
	case "admin":
		s, _ := env.NewUser(owner, client.RoleAdmin)
		return []apitest.Credential{apitest.Bearer(s.Token)}
	case "user":
		s, _ := env.NewUser(owner, client.RoleUser)
		return []apitest.Credential{apitest.Bearer(s.Token)}
	case "master key":
		return []apitest.Credential{apitest.AdminKey(apitest.MasterKey)}
	case "master key as bearer":
		return []apitest.Credential{apitest.Bearer(apitest.MasterKey)}
	}
	t.Fatalf("unknown credential kind %q", kind)
	return nil
}

// A 401 always carries WWW-Authenticate; a JWT endpoint ignores a valid
// X-Admin-Key next to a bad token (no fall-through).
func TestUnauthorizedShape(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	resp, body := env.Raw("GET", "/api/admin-users", nil, map[string]string{
		"Authorization": "Bearer invalid-token", "X-Admin-Key": apitest.MasterKey,
	})
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("= %d %s", resp.StatusCode, body)
	}
	for _, h := range []string{"Basic abc", "Bearer", "Bearer a b", "bearer  "} {
		resp, body := env.Raw("GET", "/api/admin-users/me", nil, map[string]string{"Authorization": h})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Authorization %q = %d %s", h, resp.StatusCode, body)
		}
	}
}
