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

// Parallel logins each get their own working session.
func TestParallelLogins(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	const callers = 30
	tokens := make([]string, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: apitest.OwnerPassword})
			if err != nil || r.JSON200 == nil {
				t.Errorf("login %d: %v", i, err)
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
	if sessions != callers+1 {
		t.Fatalf("sessions = %d, want %d", sessions, callers+1)
	}
}
