package httpapi_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// Findings of the adversarial review, kept as regression tests.

// A burst of parallel guesses cannot slip past the throttle: attempts are
// recorded before they are counted.
func TestLoginThrottleHoldsUnderBurst(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	const burst = 40
	codes := make([]int, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: "wrong-guess-" + string(rune('a'+i%26))})
			if err == nil {
				codes[i] = r.StatusCode()
			}
		}()
	}
	wg.Wait()
	checked := 0
	for _, c := range codes {
		switch c {
		case 401:
			checked++
		case 429:
		default:
			t.Fatalf("unexpected status %d", c)
		}
	}
	if checked > 10 {
		t.Fatalf("%d of %d parallel guesses were checked; the limit is 10", checked, burst)
	}
	// Whatever the burst used, the budget is 10 checked guesses in all.
	for checked < 10 {
		r, _ := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: "another-guess"})
		if r.StatusCode() != 401 {
			t.Fatalf("guess %d after the burst = %d", checked+1, r.StatusCode())
		}
		checked++
	}
	r, _ := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: apitest.OwnerPassword})
	if r.StatusCode() != 429 {
		t.Fatalf("right password during the lockout = %d", r.StatusCode())
	}
}

func TestChangePasswordIsThrottledAndAudited(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	c := env.Client(apitest.Bearer(owner.Token))
	for i := range 10 {
		r, _ := c.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: "guess-" + string(rune('a'+i)), NewPassword: "NewPassword-1"})
		if r.StatusCode() != 401 {
			t.Fatalf("guess %d = %d", i, r.StatusCode())
		}
	}
	r, _ := c.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: apitest.OwnerPassword, NewPassword: "NewPassword-1"})
	if r.StatusCode() != 429 {
		t.Fatalf("11th attempt = %d", r.StatusCode())
	}
	logs, _ := c.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Action: ptr("change_password_failed")})
	if logs.JSON200 == nil || len(*logs.JSON200) != 10 {
		t.Fatalf("change_password_failed entries: %s", logs.Body)
	}
}

// Two sessions changing the password at once: one wins, the other finds its
// session revoked or the current password changed, and one new password is
// the one that works.
func TestConcurrentPasswordChanges(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	a := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	b := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i, s := range []apitest.Session{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := env.Client(apitest.Bearer(s.Token)).ChangePasswordWithResponse(bg, client.ChangePasswordRequest{
				CurrentPassword: apitest.OwnerPassword, NewPassword: "Winner-password-" + string(rune('A'+i)),
			})
			if err == nil {
				codes[i] = r.StatusCode()
			}
		}()
	}
	wg.Wait()
	wins := 0
	for _, c := range codes {
		if c == 200 {
			wins++
		} else if c != 401 {
			t.Fatalf("loser got %d", c)
		}
	}
	if wins != 1 {
		t.Fatalf("codes %v: want exactly one change", codes)
	}
	winner := "Winner-password-A"
	if codes[1] == 200 {
		winner = "Winner-password-B"
	}
	env.Login(apitest.OwnerEmail, winner)
}

func TestHostileHeaders(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	body := []byte(`{"email":"test-owner@example.com","password":"TestPassword123!"}`)
	// Invalid UTF-8 and a character split at the 512-byte cut.
	for _, ua := range []string{"\xff\xfe", strings.Repeat("a", 511) + "é", "tab\there"} {
		resp, b := env.Raw("POST", "/api/admin-users/login", body, map[string]string{"Content-Type": "application/json", "User-Agent": ua})
		if resp.StatusCode != 200 {
			t.Fatalf("User-Agent %q: %d %s", ua[:4], resp.StatusCode, b)
		}
	}
	// A client's X-Request-Id is not trusted.
	resp, _ := env.Raw("GET", "/api/admin-users/me", nil, map[string]string{"Authorization": "Bearer " + owner.Token, "X-Request-Id": strings.Repeat("x", 3000)})
	if got := resp.Header.Get("X-Request-Id"); got == "" || len(got) > 64 {
		t.Fatalf("request id %q", got)
	}
	// HEAD works wherever GET does.
	resp, b := env.Raw("HEAD", "/api/admin-users/me", nil, map[string]string{"Authorization": "Bearer " + owner.Token})
	if resp.StatusCode != http.StatusOK || len(b) != 0 {
		t.Fatalf("HEAD = %d %q", resp.StatusCode, b)
	}
}

func TestNULCharactersAreRefused(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	auth := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + owner.Token}
	cases := []struct{ path, body string }{
		{"/api/admin-users/login", `{"email":"a\u0000b@example.com","password":"x"}`},
		{"/api/admin-users", `{"email":"n@example.com","display_name":"N","password":"Password123","metadata":{"k":"a\u0000"}}`},
		{"/api/organizations/create", `{"organization_id":"o1","name":"O","metadata":{"k\u0000":"v"}}`},
	}
	for _, c := range cases {
		resp, b := env.Raw("POST", c.path, []byte(c.body), auth)
		if resp.StatusCode != 422 {
			t.Errorf("%s: %d %s", c.path, resp.StatusCode, b)
		}
	}
	// An escaped backslash before u0000 is ordinary text.
	resp, b := env.Raw("POST", "/api/organizations/create", []byte(`{"organization_id":"o2","name":"O","metadata":{"k":"a\\u0000"}}`), auth)
	if resp.StatusCode != 200 {
		t.Fatalf("literal backslash-u0000: %d %s", resp.StatusCode, b)
	}
}

func TestFarPeriodsAreRefused(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client(apitest.AdminKey(apitest.MasterKey))
	if r, _ := c.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "org1", Name: "Org"}); r.StatusCode() != 200 {
		t.Fatal(string(r.Body))
	}
	for period, want := range map[string]int{"9999-12": 422, "0000-01": 422, "2999-12": 200, "1970-01": 200} {
		r, _ := c.GetOrganizationUsageWithResponse(bg, "org1", &client.GetOrganizationUsageParams{Period: ptr(period)})
		if r.StatusCode() != want {
			t.Errorf("period %s = %d, want %d: %s", period, r.StatusCode(), want, r.Body)
		}
	}
}

// A percent-encoded team id means the same team to authorization and to the
// handler.
func TestEncodedTeamIDWithTeamKey(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client(apitest.AdminKey(apitest.MasterKey))
	c.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "org1", Name: "Org"})
	team, _ := c.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "org1", TeamId: "teamA"})
	if team.JSON200 == nil {
		t.Fatal(string(team.Body))
	}
	resp, b := env.Raw("GET", "/api/credits/teams/team%41/balance", nil, map[string]string{"Authorization": "Bearer " + team.JSON200.VirtualKey})
	if resp.StatusCode != 200 {
		t.Fatalf("encoded own id = %d %s", resp.StatusCode, b)
	}
	txs, _ := env.Client(apitest.Bearer(team.JSON200.VirtualKey)).ListCreditTransactionsWithResponse(bg, "teamA", nil)
	if txs.StatusCode() != 200 {
		t.Fatal(string(txs.Body))
	}
}
