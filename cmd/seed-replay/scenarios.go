package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/saaslite/controlplane/gen/client"
)

// The seed report's test data.
const (
	ownerEmail    = "test-owner@example.com"
	ownerPassword = "TestPassword123!"
	adminEmail    = "test-admin@example.com"
	masterKey     = "sk-admin-local-dev-change-in-production"
	orgID         = "test_org_integration"
	teamID        = "test_team_integration"
)

type replay struct {
	base  string
	anon  *client.ClientWithResponses
	jwt   *client.ClientWithResponses // set by scenario 2
	key   *client.ClientWithResponses
	token string
}

func newReplay(base string) (*replay, error) {
	anon, err := client.NewClientWithResponses(base)
	if err != nil {
		return nil, err
	}
	key, err := client.NewClientWithResponses(base, client.WithRequestEditorFn(header("X-Admin-Key", masterKey)))
	if err != nil {
		return nil, err
	}
	return &replay{base: base, anon: anon, key: key}, nil
}

func header(name, value string) client.RequestEditorFn {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set(name, value)
		return nil
	}
}

func bearer(token string) client.RequestEditorFn { return header("Authorization", "Bearer "+token) }

type scenario struct {
	name string
	run  func(ctx context.Context, r *replay) error
}

// status checks a response's code and shows its body when it is wrong.
func status(what string, got, want int, body []byte) error {
	if got != want {
		return fmt.Errorf("%s: status %d, want %d: %s", what, got, want, strings.TrimSpace(string(body)))
	}
	return nil
}

var scenarios = []scenario{
	{"Health Check", func(ctx context.Context, r *replay) error {
		h, err := r.anon.GetHealthWithResponse(ctx)
		if err != nil {
			return err
		}
		if err := status("GET /health", h.StatusCode(), 200, h.Body); err != nil {
			return err
		}
		if h.JSON200.Status != client.Healthy {
			return fmt.Errorf("status %q", h.JSON200.Status)
		}
		return nil
	}},
	{"Setup/Login", func(ctx context.Context, r *replay) error {
		st, err := r.anon.GetSetupStatusWithResponse(ctx)
		if err != nil {
			return err
		}
		if st.JSON200 == nil || !st.JSON200.NeedsSetup {
			return fmt.Errorf("setup status: %s", st.Body)
		}
		setup, err := r.anon.SetupOwnerWithResponse(ctx, client.SetupRequest{Email: ownerEmail, DisplayName: "Test Owner", Password: ownerPassword})
		if err != nil {
			return err
		}
		if err := status("setup", setup.StatusCode(), 200, setup.Body); err != nil {
			return err
		}
		if setup.JSON200.User.Role != client.RoleOwner {
			return fmt.Errorf("setup role %q", setup.JSON200.User.Role)
		}
		login, err := r.anon.LoginWithResponse(ctx, client.LoginRequest{Email: ownerEmail, Password: ownerPassword})
		if err != nil {
			return err
		}
		if err := status("login", login.StatusCode(), 200, login.Body); err != nil {
			return err
		}
		if login.JSON200.TokenType != client.Bearer || login.JSON200.AccessToken == "" {
			return fmt.Errorf("login answer %s", login.Body)
		}
		r.token = login.JSON200.AccessToken
		r.jwt, err = client.NewClientWithResponses(r.base, client.WithRequestEditorFn(bearer(r.token)))
		return err
	}},
	{"JWT Authentication", func(ctx context.Context, r *replay) error {
		me, err := r.jwt.GetMeWithResponse(ctx)
		if err != nil {
			return err
		}
		if err := status("GET /me", me.StatusCode(), 200, me.Body); err != nil {
			return err
		}
		if me.JSON200.Email != ownerEmail {
			return fmt.Errorf("me = %s", me.JSON200.Email)
		}
		return nil
	}},
	{"Legacy X-Admin-Key Auth", func(ctx context.Context, r *replay) error {
		orgs, err := r.key.ListOrganizationsWithResponse(ctx)
		if err != nil {
			return err
		}
		return status("GET /api/organizations with X-Admin-Key", orgs.StatusCode(), 200, orgs.Body)
	}},
	{"Dual Auth - Organizations", func(ctx context.Context, r *replay) error {
		for name, c := range map[string]*client.ClientWithResponses{"JWT": r.jwt, "X-Admin-Key": r.key} {
			orgs, err := c.ListOrganizationsWithResponse(ctx)
			if err != nil {
				return err
			}
			if err := status("organizations with "+name, orgs.StatusCode(), 200, orgs.Body); err != nil {
				return err
			}
			teams, err := c.ListTeamsWithResponse(ctx)
			if err != nil {
				return err
			}
			if err := status("teams with "+name, teams.StatusCode(), 200, teams.Body); err != nil {
				return err
			}
			groups, err := c.ListModelGroupsWithResponse(ctx)
			if err != nil {
				return err
			}
			if err := status("model groups with "+name, groups.StatusCode(), 200, groups.Body); err != nil {
				return err
			}
		}
		return nil
	}},
	{"Create Organization", func(ctx context.Context, r *replay) error {
		created, err := r.jwt.CreateOrganizationWithResponse(ctx, client.OrganizationCreate{
			OrganizationId: orgID, Name: "Test Organization", Metadata: &client.Metadata{"source": "integration"},
		})
		if err != nil {
			return err
		}
		if err := status("create organization", created.StatusCode(), 200, created.Body); err != nil {
			return err
		}
		got, err := r.key.GetOrganizationWithResponse(ctx, orgID)
		if err != nil {
			return err
		}
		if err := status("get organization", got.StatusCode(), 200, got.Body); err != nil {
			return err
		}
		if got.JSON200.Name != "Test Organization" || got.JSON200.Status != client.OrganizationStatusActive {
			return fmt.Errorf("organization = %s", got.Body)
		}
		return nil
	}},
	{"Create Team", func(ctx context.Context, r *replay) error {
		credits := int64(100)
		created, err := r.jwt.CreateTeamWithResponse(ctx, client.TeamCreate{
			OrganizationId: orgID, TeamId: teamID, TeamAlias: ptr("Test Team"),
			ModelGroups: &client.GroupNameList{}, CreditsAllocated: &credits,
		})
		if err != nil {
			return err
		}
		if err := status("create team", created.StatusCode(), 200, created.Body); err != nil {
			return err
		}
		if !strings.HasPrefix(created.JSON200.VirtualKey, "sk-") || created.JSON200.CreditsRemaining != 100 {
			return fmt.Errorf("team = %s", created.Body)
		}
		team, err := r.key.GetTeamWithResponse(ctx, teamID)
		if err != nil {
			return err
		}
		if err := status("get team", team.StatusCode(), 200, team.Body); err != nil {
			return err
		}
		if strings.Contains(string(team.Body), created.JSON200.VirtualKey) {
			return fmt.Errorf("the plaintext key is shown again")
		}
		return nil
	}},
	{"List Admin Users", func(ctx context.Context, r *replay) error {
		list, err := r.jwt.ListAdminUsersWithResponse(ctx)
		if err != nil {
			return err
		}
		if err := status("list users", list.StatusCode(), 200, list.Body); err != nil {
			return err
		}
		if !slices.ContainsFunc(*list.JSON200, func(u client.AdminUser) bool { return u.Email == ownerEmail }) {
			return fmt.Errorf("owner missing from %s", list.Body)
		}
		return nil
	}},
	{"Create Admin User", func(ctx context.Context, r *replay) error {
		role := client.RoleAdmin
		created, err := r.jwt.CreateAdminUserWithResponse(ctx, client.AdminUserCreate{
			Email: adminEmail, DisplayName: "Test Admin", Password: "AdminPassword123!", Role: &role,
		})
		if err != nil {
			return err
		}
		if err := status("create user", created.StatusCode(), 200, created.Body); err != nil {
			return err
		}
		if created.JSON200.Role != client.RoleAdmin {
			return fmt.Errorf("role %q", created.JSON200.Role)
		}
		return nil
	}},
	{"View Audit Logs", func(ctx context.Context, r *replay) error {
		logs, err := r.jwt.ListAuditLogsWithResponse(ctx, nil)
		if err != nil {
			return err
		}
		if err := status("audit logs", logs.StatusCode(), 200, logs.Body); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, e := range *logs.JSON200 {
			seen[e.Action] = true
		}
		for _, want := range []string{"setup_owner", "login", "created_user", "created_organization", "created_team"} {
			if !seen[want] {
				return fmt.Errorf("no %s entry", want)
			}
		}
		return nil
	}},
	{"Unauthorized Access Protection", func(ctx context.Context, r *replay) error {
		none, err := r.anon.ListAdminUsersWithResponse(ctx)
		if err != nil {
			return err
		}
		if err := status("no auth", none.StatusCode(), 401, none.Body); err != nil {
			return err
		}
		bad, err := r.anon.ListAdminUsersWithResponse(ctx, bearer("invalid-token"))
		if err != nil {
			return err
		}
		if err := status("invalid token", bad.StatusCode(), 401, bad.Body); err != nil {
			return err
		}
		keyOnly, err := r.key.ListAdminUsersWithResponse(ctx)
		if err != nil {
			return err
		}
		if err := status("X-Admin-Key on a JWT-only endpoint", keyOnly.StatusCode(), 401, keyOnly.Body); err != nil {
			return err
		}
		ok, err := r.jwt.ListAdminUsersWithResponse(ctx)
		if err != nil {
			return err
		}
		return status("valid token", ok.StatusCode(), 200, ok.Body)
	}},
	{"Credits Management", func(ctx context.Context, r *replay) error {
		for _, add := range []struct {
			c       *client.ClientWithResponses
			credits int64
		}{{r.jwt, 50}, {r.key, 25}} {
			resp, err := add.c.AddCreditsWithResponse(ctx, teamID, nil, client.AddCreditsRequest{Credits: add.credits, Reason: ptr("integration test")})
			if err != nil {
				return err
			}
			if err := status("add credits", resp.StatusCode(), 200, resp.Body); err != nil {
				return err
			}
		}
		for name, c := range map[string]*client.ClientWithResponses{"JWT": r.jwt, "X-Admin-Key": r.key} {
			bal, err := c.GetCreditBalanceWithResponse(ctx, teamID)
			if err != nil {
				return err
			}
			if err := status("balance with "+name, bal.StatusCode(), 200, bal.Body); err != nil {
				return err
			}
			if bal.JSON200.CreditsAllocated != 175 || bal.JSON200.CreditsRemaining != 175 {
				return fmt.Errorf("balance = %s, want 175 (100 + 50 + 25)", bal.Body)
			}
		}
		txs, err := r.jwt.ListCreditTransactionsWithResponse(ctx, teamID, nil)
		if err != nil {
			return err
		}
		if err := status("transactions", txs.StatusCode(), 200, txs.Body); err != nil {
			return err
		}
		if txs.JSON200.Total != 3 || len(txs.JSON200.Transactions) != 3 || txs.JSON200.Transactions[0].CreditsAfter != 175 {
			return fmt.Errorf("transactions = %s", txs.Body)
		}
		return nil
	}},
}

func ptr[T any](v T) *T { return &v }
