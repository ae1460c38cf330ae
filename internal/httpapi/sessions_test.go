package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	first := owner.Refresh.Value

	r1, _ := env.Client(apitest.RefreshCookie(first)).RefreshSessionWithResponse(bg, nil)
	if r1.JSON200 == nil {
		t.Fatalf("refresh: %s", r1.Body)
	}
	var second string
	for _, c := range r1.HTTPResponse.Cookies() {
		if c.Name == "saas_refresh" {
			second = c.Value
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/admin-users" {
				t.Errorf("cookie attributes %+v", c)
			}
		}
	}
	if second == "" || second == first {
		t.Fatalf("refresh token not rotated: %q", second)
	}
	// The new access token works; the old one was replaced.
	if r, _ := env.Client(apitest.Bearer(r1.JSON200.AccessToken)).GetMeWithResponse(bg); r.StatusCode() != 200 {
		t.Fatalf("new access token = %d", r.StatusCode())
	}
	if r, _ := env.Client(apitest.Bearer(owner.Token)).GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Fatalf("replaced access token = %d", r.StatusCode())
	}

	// Replaying the first refresh token revokes the whole session.
	replay, _ := env.Client(apitest.RefreshCookie(first)).RefreshSessionWithResponse(bg, nil)
	if replay.StatusCode() != 401 || !strings.Contains(replay.HTTPResponse.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("replay = %d, Set-Cookie %q", replay.StatusCode(), replay.HTTPResponse.Header.Get("Set-Cookie"))
	}
	if r, _ := env.Client(apitest.Bearer(r1.JSON200.AccessToken)).GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Fatalf("access token after reuse = %d", r.StatusCode())
	}
	if r, _ := env.Client(apitest.RefreshCookie(second)).RefreshSessionWithResponse(bg, nil); r.StatusCode() != 401 {
		t.Fatalf("newest refresh token after reuse = %d", r.StatusCode())
	}
	other := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	logs, _ := env.Client(apitest.Bearer(other.Token)).ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Action: ptr("refresh_token_reused")})
	if logs.JSON200 == nil || len(*logs.JSON200) != 1 {
		t.Fatalf("reuse not audited: %s", logs.Body)
	}

	for name, creds := range map[string][]apitest.Credential{
		"no cookie":      nil,
		"unknown cookie": {apitest.RefreshCookie("rt_unknown")},
	} {
		r, _ := env.Client(creds...).RefreshSessionWithResponse(bg, nil)
		if r.StatusCode() != 401 {
			t.Errorf("%s = %d", name, r.StatusCode())
		}
	}
}

func TestRefreshAfterLogoutFails(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	if r, _ := env.Client(apitest.Bearer(owner.Token)).LogoutWithResponse(bg); r.StatusCode() != 200 {
		t.Fatal("logout")
	}
	if r, _ := env.Client(apitest.RefreshCookie(owner.Refresh.Value)).RefreshSessionWithResponse(bg, nil); r.StatusCode() != 401 {
		t.Fatalf("refresh after logout = %d", r.StatusCode())
	}
}

func TestMySessions(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	a := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	b := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	c := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	ac := env.Client(apitest.Bearer(a.Token), apitest.Header("User-Agent", "browser-a"))

	list, _ := ac.ListMySessionsWithResponse(bg)
	if list.JSON200 == nil || len(*list.JSON200) != 4 {
		t.Fatalf("sessions: %s", list.Body)
	}
	current := 0
	var bID = (*list.JSON200)[1].SessionId // newest first: c, b, a, setup
	for _, s := range *list.JSON200 {
		if s.Current {
			current++
		}
	}
	if current != 1 || !(*list.JSON200)[2].Current {
		t.Fatalf("current flag wrong: %s", list.Body)
	}

	if r, _ := ac.RevokeMySessionWithResponse(bg, bID); r.StatusCode() != 200 {
		t.Fatalf("revoke b = %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := env.Client(apitest.Bearer(b.Token)).GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Fatalf("b after revoke = %d", r.StatusCode())
	}
	if r, _ := ac.RevokeMySessionWithResponse(bg, bID); r.StatusCode() != 404 {
		t.Fatalf("revoke twice = %d", r.StatusCode())
	}

	// Another user cannot revoke these sessions.
	owner := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	other, _ := env.NewUser(owner, client.RoleAdmin)
	if r, _ := env.Client(apitest.Bearer(other.Token)).RevokeMySessionWithResponse(bg, (*list.JSON200)[0].SessionId); r.StatusCode() != 404 {
		t.Fatalf("foreign revoke = %d", r.StatusCode())
	}

	out, _ := ac.RevokeMyOtherSessionsWithResponse(bg)
	if out.JSON200 == nil || out.JSON200.Revoked != 3 { // c, setup, owner
		t.Fatalf("revoke others: %s", out.Body)
	}
	if r, _ := env.Client(apitest.Bearer(c.Token)).GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Fatalf("c after revoke-others = %d", r.StatusCode())
	}
	if r, _ := ac.GetMeWithResponse(bg); r.StatusCode() != 200 {
		t.Fatalf("a after revoke-others = %d", r.StatusCode())
	}
}
