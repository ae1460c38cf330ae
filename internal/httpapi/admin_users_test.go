package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

var bg = context.Background()

func ptr[T any](v T) *T { return &v }

func TestHealth(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client()
	h, err := c.GetHealthWithResponse(bg)
	if err != nil || h.JSON200 == nil || h.JSON200.Status != client.Healthy {
		t.Fatalf("health: %v %s", err, h.Body)
	}
	r, err := c.GetReadinessWithResponse(bg)
	if err != nil || r.JSON200 == nil || *r.JSON200.Database != "ok" {
		t.Fatalf("ready: %v %s", err, r.Body)
	}
}

func TestSetupAndLogin(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client()

	st, _ := c.GetSetupStatusWithResponse(bg)
	if !st.JSON200.NeedsSetup || st.JSON200.HasUsers {
		t.Fatalf("fresh status = %+v", st.JSON200)
	}
	owner := env.SetupOwner()
	if owner.User.Role != client.RoleOwner || owner.User.Email != apitest.OwnerEmail || owner.Refresh == nil {
		t.Fatalf("setup user = %+v cookie=%v", owner.User, owner.Refresh)
	}
	if !owner.Refresh.HttpOnly || owner.Refresh.SameSite != http.SameSiteStrictMode || owner.Refresh.Path != "/api/admin-users" {
		t.Errorf("refresh cookie attributes: %+v", owner.Refresh)
	}
	st, _ = c.GetSetupStatusWithResponse(bg)
	if st.JSON200.NeedsSetup || !st.JSON200.HasUsers {
		t.Fatalf("status after setup = %+v", st.JSON200)
	}
	again, _ := c.SetupOwnerWithResponse(bg, client.SetupRequest{Email: "x@example.com", DisplayName: "X", Password: "Password123"})
	if again.StatusCode() != 400 || !strings.Contains(again.JSON400.Detail, "Setup already completed") {
		t.Fatalf("second setup = %d %s", again.StatusCode(), again.Body)
	}

	// Email is matched case-insensitively and trimmed.
	s := env.Login("  TEST-Owner@Example.COM ", apitest.OwnerPassword)
	if s.User.LastLogin == nil {
		t.Error("last_login not set")
	}
	me, _ := env.Client(apitest.Bearer(s.Token)).GetMeWithResponse(bg)
	if me.JSON200 == nil || me.JSON200.UserId != owner.User.UserId {
		t.Fatalf("me = %s", me.Body)
	}
	if strings.Contains(string(me.Body), "password") {
		t.Fatal("a password field leaked into the user")
	}
}

func TestLoginFailuresAreUniform(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	_, pw := env.NewUser(owner, client.RoleUser)
	users, _ := env.Client(apitest.Bearer(owner.Token)).ListAdminUsersWithResponse(bg)
	var inactive client.AdminUser
	for _, u := range *users.JSON200 {
		if u.Role == client.RoleUser {
			inactive = u
		}
	}
	if r, _ := env.Client(apitest.Bearer(owner.Token)).DeactivateAdminUserWithResponse(bg, inactive.UserId); r.StatusCode() != 200 {
		t.Fatalf("deactivate: %s", r.Body)
	}

	c := env.Client()
	attempts := map[string]client.LoginRequest{
		"unknown email":  {Email: "nobody@example.com", Password: "whatever1"},
		"wrong password": {Email: apitest.OwnerEmail, Password: "wrong-password"},
		"inactive user":  {Email: inactive.Email, Password: pw},
	}
	for name, req := range attempts {
		r, err := c.LoginWithResponse(bg, req)
		if err != nil || r.StatusCode() != 401 || r.JSON401.Detail != "Invalid email or password" {
			t.Errorf("%s: %v %d %s", name, err, r.StatusCode(), r.Body)
		}
		if r.HTTPResponse.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: no WWW-Authenticate", name)
		}
	}
	logs, _ := env.Client(apitest.Bearer(owner.Token)).ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Action: ptr("login_failed")})
	if logs.JSON200 == nil || len(*logs.JSON200) != 3 {
		t.Fatalf("login_failed entries: %s", logs.Body)
	}
	for _, e := range *logs.JSON200 {
		if strings.Contains(string(logs.Body), "wrong-password") || e.UserId != nil || e.Actor != client.AuditLogEntryActorAnonymous {
			t.Errorf("bad login_failed entry %+v", e)
		}
	}
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	c := env.Client()
	for i := 0; i < 10; i++ {
		r, _ := c.LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: "wrong-password"})
		if r.StatusCode() != 401 {
			t.Fatalf("attempt %d = %d", i, r.StatusCode())
		}
	}
	r, _ := c.LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: apitest.OwnerPassword})
	if r.StatusCode() != 429 || r.HTTPResponse.Header.Get("Retry-After") == "" {
		t.Fatalf("11th attempt = %d %s", r.StatusCode(), r.Body)
	}
	// Another account is not affected.
	other, _ := c.LoginWithResponse(bg, client.LoginRequest{Email: "other@example.com", Password: "whatever1"})
	if other.StatusCode() != 401 {
		t.Fatalf("other account = %d", other.StatusCode())
	}
}

func TestUserDirectory(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	oc := env.Client(apitest.Bearer(owner.Token))

	created, _ := oc.CreateAdminUserWithResponse(bg, client.AdminUserCreate{
		Email: "Test-Admin@Example.com", DisplayName: "Admin", Password: "AdminPassword123!", Role: ptr(client.RoleAdmin),
		Metadata: &client.Metadata{"team": "ops"},
	})
	if created.JSON200 == nil {
		t.Fatalf("create: %s", created.Body)
	}
	a := created.JSON200
	if a.Email != "test-admin@example.com" || a.Role != client.RoleAdmin || a.CreatedBy == nil || *a.CreatedBy != owner.User.UserId || a.Metadata["team"] != "ops" {
		t.Fatalf("created = %+v", a)
	}
	dup, _ := oc.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "TEST-ADMIN@example.com", DisplayName: "Dup", Password: "Password123"})
	if dup.StatusCode() != 400 || dup.JSON400.Detail != "Email already registered" {
		t.Fatalf("duplicate = %d %s", dup.StatusCode(), dup.Body)
	}
	// Role defaults to user.
	u, _ := oc.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "plain@example.com", DisplayName: "Plain", Password: "Password123"})
	if u.JSON200 == nil || u.JSON200.Role != client.RoleUser {
		t.Fatalf("default role: %s", u.Body)
	}

	list, _ := oc.ListAdminUsersWithResponse(bg)
	if list.JSON200 == nil || len(*list.JSON200) != 3 || (*list.JSON200)[0].Email != "plain@example.com" {
		t.Fatalf("list (newest first) = %s", list.Body)
	}

	upd, _ := oc.UpdateAdminUserWithResponse(bg, a.UserId, client.AdminUserUpdate{DisplayName: ptr("Renamed"), Metadata: &client.Metadata{}})
	if upd.JSON200 == nil || upd.JSON200.DisplayName != "Renamed" || len(upd.JSON200.Metadata) != 0 {
		t.Fatalf("update: %s", upd.Body)
	}
	missing, _ := oc.UpdateAdminUserWithResponse(bg, uuid.New(), client.AdminUserUpdate{DisplayName: ptr("X")})
	if missing.StatusCode() != 404 {
		t.Fatalf("update unknown = %d", missing.StatusCode())
	}
	del404, _ := oc.DeactivateAdminUserWithResponse(bg, uuid.New())
	if del404.StatusCode() != 404 {
		t.Fatalf("delete unknown = %d", del404.StatusCode())
	}
}

func TestRoleRules(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	admin, _ := env.NewUser(owner, client.RoleAdmin)
	otherAdmin, _ := env.NewUser(owner, client.RoleAdmin)
	user, _ := env.NewUser(owner, client.RoleUser)
	oc := env.Client(apitest.Bearer(owner.Token))
	ac := env.Client(apitest.Bearer(admin.Token))

	check := func(name string, got, want int, body []byte) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d: %s", name, got, want, body)
		}
	}
	r1, _ := ac.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "a1@example.com", DisplayName: "A", Password: "Password123", Role: ptr(client.RoleAdmin)})
	check("admin creates admin", r1.StatusCode(), 403, r1.Body)
	r2, _ := ac.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "a2@example.com", DisplayName: "A", Password: "Password123", Role: ptr(client.RoleOwner)})
	check("admin creates owner", r2.StatusCode(), 403, r2.Body)
	r3, _ := ac.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "a3@example.com", DisplayName: "A", Password: "Password123", Role: ptr(client.RoleUser)})
	check("admin creates user", r3.StatusCode(), 200, r3.Body)
	r4, _ := ac.UpdateAdminUserWithResponse(bg, otherAdmin.User.UserId, client.AdminUserUpdate{DisplayName: ptr("x")})
	check("admin modifies admin", r4.StatusCode(), 403, r4.Body)
	r5, _ := ac.UpdateAdminUserWithResponse(bg, owner.User.UserId, client.AdminUserUpdate{DisplayName: ptr("x")})
	check("admin modifies owner", r5.StatusCode(), 403, r5.Body)
	r6, _ := ac.UpdateAdminUserWithResponse(bg, user.User.UserId, client.AdminUserUpdate{Role: ptr(client.RoleAdmin)})
	check("admin promotes user", r6.StatusCode(), 403, r6.Body)
	r7, _ := ac.DeactivateAdminUserWithResponse(bg, owner.User.UserId)
	check("admin deactivates owner", r7.StatusCode(), 403, r7.Body)
	r8, _ := oc.UpdateAdminUserWithResponse(bg, owner.User.UserId, client.AdminUserUpdate{Role: ptr(client.RoleAdmin)})
	check("owner changes own role", r8.StatusCode(), 400, r8.Body)
	r9, _ := oc.DeactivateAdminUserWithResponse(bg, owner.User.UserId)
	check("owner deactivates self", r9.StatusCode(), 400, r9.Body)
	r10, _ := oc.UpdateAdminUserWithResponse(bg, owner.User.UserId, client.AdminUserUpdate{IsActive: ptr(false)})
	check("owner deactivates self via PUT", r10.StatusCode(), 400, r10.Body)

	// A second owner: each may demote the other, but never the last one.
	second, _ := env.NewUser(owner, client.RoleOwner)
	sc := env.Client(apitest.Bearer(second.Token))
	r11, _ := sc.UpdateAdminUserWithResponse(bg, owner.User.UserId, client.AdminUserUpdate{Role: ptr(client.RoleAdmin)})
	check("owner demotes other owner", r11.StatusCode(), 200, r11.Body)
	// owner (now admin) cannot touch the remaining owner.
	r12, _ := oc.UpdateAdminUserWithResponse(bg, second.User.UserId, client.AdminUserUpdate{Role: ptr(client.RoleUser)})
	check("demoted owner modifies owner", r12.StatusCode(), 403, r12.Body)

	// Deactivation revokes sessions at once.
	r13, _ := ac.DeactivateAdminUserWithResponse(bg, user.User.UserId)
	check("admin deactivates user", r13.StatusCode(), 200, r13.Body)
	me, _ := env.Client(apitest.Bearer(user.Token)).GetMeWithResponse(bg)
	check("deactivated user's token", me.StatusCode(), 401, me.Body)
}

func TestLastOwnerGuardUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	a := env.SetupOwner()
	b, _ := env.NewUser(a, client.RoleOwner)
	// Each owner demotes the other at the same moment: at most one may win.
	results := make(chan int, 2)
	for _, pair := range [][2]apitest.Session{{a, b}, {b, a}} {
		go func(actor, target apitest.Session) {
			r, err := env.Client(apitest.Bearer(actor.Token)).UpdateAdminUserWithResponse(bg, target.User.UserId, client.AdminUserUpdate{Role: ptr(client.RoleUser)})
			if err != nil {
				results <- 0
				return
			}
			results <- r.StatusCode()
		}(pair[0], pair[1])
	}
	ok := 0
	for i := 0; i < 2; i++ {
		if <-results == 200 {
			ok++
		}
	}
	var owners int
	if err := env.Pool.QueryRow(bg, "SELECT count(*) FROM admin_users WHERE role='owner' AND is_active").Scan(&owners); err != nil {
		t.Fatal(err)
	}
	if ok != 1 || owners != 1 {
		t.Fatalf("successful demotions = %d, owners left = %d", ok, owners)
	}
}

func TestChangePasswordAndLogout(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SetupOwner()
	s1 := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	s2 := env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	c1 := env.Client(apitest.Bearer(s1.Token))

	wrong, _ := c1.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: "nope-nope", NewPassword: "NewPassword456!"})
	if wrong.StatusCode() != 401 {
		t.Fatalf("wrong current = %d", wrong.StatusCode())
	}
	same, _ := c1.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: apitest.OwnerPassword, NewPassword: apitest.OwnerPassword})
	if same.StatusCode() != 400 {
		t.Fatalf("same password = %d", same.StatusCode())
	}
	tooLong, _ := c1.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: apitest.OwnerPassword, NewPassword: strings.Repeat("é", 40)})
	if tooLong.StatusCode() != 422 {
		t.Fatalf("80-byte password = %d", tooLong.StatusCode())
	}
	ok, _ := c1.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: apitest.OwnerPassword, NewPassword: "NewPassword456!"})
	if ok.StatusCode() != 200 {
		t.Fatalf("change = %d %s", ok.StatusCode(), ok.Body)
	}
	if r, _ := c1.GetMeWithResponse(bg); r.StatusCode() != 200 {
		t.Errorf("current session after change = %d", r.StatusCode())
	}
	if r, _ := env.Client(apitest.Bearer(s2.Token)).GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Errorf("other session after change = %d", r.StatusCode())
	}
	if r, _ := env.Client().LoginWithResponse(bg, client.LoginRequest{Email: apitest.OwnerEmail, Password: apitest.OwnerPassword}); r.StatusCode() != 401 {
		t.Errorf("old password still works")
	}
	env.Login(apitest.OwnerEmail, "NewPassword456!")

	out, _ := c1.LogoutWithResponse(bg)
	if out.StatusCode() != 200 || !strings.Contains(out.HTTPResponse.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("logout = %d cookie=%q", out.StatusCode(), out.HTTPResponse.Header.Get("Set-Cookie"))
	}
	if r, _ := c1.GetMeWithResponse(bg); r.StatusCode() != 401 {
		t.Fatalf("token after logout = %d", r.StatusCode())
	}
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	owner := env.SetupOwner()
	oc := env.Client(apitest.Bearer(owner.Token))
	created, _ := oc.CreateAdminUserWithResponse(bg, client.AdminUserCreate{Email: "u@example.com", DisplayName: "U", Password: "Password123"})
	id := created.JSON200.UserId
	oc.UpdateAdminUserWithResponse(bg, id, client.AdminUserUpdate{DisplayName: ptr("U2")})
	oc.DeactivateAdminUserWithResponse(bg, id)
	env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	oc.ChangePasswordWithResponse(bg, client.ChangePasswordRequest{CurrentPassword: apitest.OwnerPassword, NewPassword: "Another-Pass-1"})

	all, _ := oc.ListAuditLogsWithResponse(bg, nil)
	if all.JSON200 == nil {
		t.Fatalf("audit: %s", all.Body)
	}
	var actions []string
	for _, e := range *all.JSON200 {
		actions = append(actions, e.Action)
		if e.IpAddress == nil || e.CreatedAt.IsZero() {
			t.Errorf("entry without ip or time: %+v", e)
		}
	}
	want := []string{"changed_password", "login", "deleted_user", "updated_user", "created_user", "setup_owner"}
	if strings.Join(actions, ",") != strings.Join(want, ",") {
		t.Fatalf("actions (newest first) = %v, want %v", actions, want)
	}
	if strings.Contains(string(all.Body), apitest.OwnerPassword) || strings.Contains(string(all.Body), "Another-Pass-1") || strings.Contains(string(all.Body), owner.Token) {
		t.Fatal("a secret leaked into the audit log")
	}
	if all.HTTPResponse.Header.Get("X-Total-Count") != "6" {
		t.Errorf("X-Total-Count = %q", all.HTTPResponse.Header.Get("X-Total-Count"))
	}

	page, _ := oc.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{Limit: ptr(2), Offset: ptr(1)})
	if len(*page.JSON200) != 2 || (*page.JSON200)[0].Action != "login" {
		t.Fatalf("page = %s", page.Body)
	}
	byRes, _ := oc.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{ResourceType: ptr("admin_user"), ResourceId: ptr(id.String())})
	if len(*byRes.JSON200) != 3 {
		t.Fatalf("by resource = %s", byRes.Body)
	}
	byUser, _ := oc.ListAuditLogsWithResponse(bg, &client.ListAuditLogsParams{UserId: ptr(owner.User.UserId)})
	if len(*byUser.JSON200) != 6 {
		t.Fatalf("by user = %d entries", len(*byUser.JSON200))
	}
	for _, bad := range []client.ListAuditLogsParams{{Limit: ptr(0)}, {Limit: ptr(501)}, {Offset: ptr(-1)}} {
		r, _ := oc.ListAuditLogsWithResponse(bg, &bad)
		if r.StatusCode() != 422 {
			t.Errorf("params %+v = %d", bad, r.StatusCode())
		}
	}
	resp, _ := env.Raw("GET", "/api/admin-users/audit-logs?user_id=not-a-uuid", nil, map[string]string{"Authorization": "Bearer " + owner.Token})
	if resp.StatusCode != 422 {
		t.Errorf("non-uuid user_id = %d", resp.StatusCode)
	}
}

// Readiness answers 503 once the database is gone; liveness stays 200.
func TestReadinessWithoutDatabase(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.Pool.Close()
	c := env.Client()
	r, err := c.GetReadinessWithResponse(bg)
	if err != nil || r.StatusCode() != 503 || r.JSON503 == nil || r.JSON503.Status != client.Unhealthy {
		t.Fatalf("ready without database: %v %d %s", err, r.StatusCode(), r.Body)
	}
	if h, _ := c.GetHealthWithResponse(bg); h.StatusCode() != 200 {
		t.Fatalf("health = %d", h.StatusCode())
	}
}
