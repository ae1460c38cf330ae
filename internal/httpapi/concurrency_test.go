package httpapi_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// Many simultaneous first-time setups create exactly one owner.
func TestParallelSetup(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	const callers = 20
	var wg sync.WaitGroup
	codes := make([]int, callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := env.Client().SetupOwnerWithResponse(bg, client.SetupRequest{
				Email: fmt.Sprintf("owner%d@example.com", i), DisplayName: "Owner", Password: "Password123",
			})
			if err != nil {
				t.Error(err)
				return
			}
			codes[i] = r.StatusCode()
		}()
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 400:
			refused++
		}
	}
	var users, owners int
	if err := env.Pool.QueryRow(bg, "SELECT count(*), count(*) FILTER (WHERE role = 'owner') FROM admin_users").Scan(&users, &owners); err != nil {
		t.Fatal(err)
	}
	if ok != 1 || refused != callers-1 || users != 1 || owners != 1 {
		t.Fatalf("setups ok=%d refused=%d; users=%d owners=%d", ok, refused, users, owners)
	}
}

// Parallel logins each get their own working session. Five accounts log in
// six times each, all at once: in-flight attempts count against the
// per-account throttle (limit 10), so one account alone could not take 30.
func TestParallelLogins(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	type account struct{ email, password string }
	var accounts []account
	for range 5 {
		s, pw := env.NewUser(owner, client.RoleUser)
		accounts = append(accounts, account{s.User.Email, pw})
	}
	const perAccount = 6
	tokens := make([]string, len(accounts)*perAccount)
	var wg sync.WaitGroup
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := accounts[i%len(accounts)]
			r, err := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: a.email, Password: a.password})
			if err != nil || r.JSON200 == nil {
				t.Errorf("login %d: %v %s", i, err, r.Body)
				return
			}
			tokens[i] = r.JSON200.AccessToken
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, tok := range tokens {
		if seen[tok] {
			t.Fatal("two logins got the same token")
		}
		seen[tok] = true
		if r, _ := env.Client(apitest.Bearer(tok)).GetMeWithResponse(bg); r.StatusCode() != 200 {
			t.Fatalf("token does not work: %d", r.StatusCode())
		}
	}
	var sessions int
	if err := env.Pool.QueryRow(bg, "SELECT count(*) FROM admin_sessions").Scan(&sessions); err != nil {
		t.Fatal(err)
	}
	// setup + one login per created account + the parallel ones
	if want := 1 + len(accounts) + len(tokens); sessions != want {
		t.Fatalf("sessions = %d, want %d", sessions, want)
	}
}
