package apitest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"sync/atomic"

	"github.com/saaslite/controlplane/gen/client"
)

// OwnerEmail and OwnerPassword are the first owner's credentials, as in the
// seed report.
const (
	OwnerEmail    = "test-owner@example.com"
	OwnerPassword = "TestPassword123!"
)

// Session is a signed-in admin user.
type Session struct {
	Token   string
	User    client.AdminUser
	Refresh *http.Cookie
}

// SetupOwner creates the first owner and returns its session.
func (e *Env) SetupOwner() Session {
	e.t.Helper()
	resp, err := e.Client().SetupOwnerWithResponse(context.Background(), client.SetupRequest{
		Email: OwnerEmail, DisplayName: "Test Owner", Password: OwnerPassword,
	})
	if err != nil || resp.JSON200 == nil {
		e.t.Fatalf("setup: %v %s", err, rawBody(resp))
	}
	return Session{Token: resp.JSON200.AccessToken, User: resp.JSON200.User, Refresh: refreshCookie(resp.HTTPResponse)}
}

var userSeq atomic.Int64

// NewUser creates a user with role (as creator) and signs them in.
func (e *Env) NewUser(creator Session, role client.Role) (Session, string) {
	e.t.Helper()
	email := fmt.Sprintf("%s-%d@example.com", role, userSeq.Add(1))
	password := "Password-" + email
	resp, err := e.Client(Bearer(creator.Token)).CreateAdminUserWithResponse(context.Background(), client.AdminUserCreate{
		Email: email, DisplayName: string(role) + " user", Password: password, Role: &role,
	})
	if err != nil || resp.JSON200 == nil {
		e.t.Fatalf("create %s: %v %s", role, err, rawBody(resp))
	}
	return e.Login(email, password), password
}

// Login signs in or fails the test.
func (e *Env) Login(email, password string) Session {
	e.t.Helper()
	resp, err := e.Client().LoginWithResponse(context.Background(), client.LoginRequest{Email: email, Password: password})
	if err != nil || resp.JSON200 == nil {
		e.t.Fatalf("login %s: %v %s", email, err, rawBody(resp))
	}
	return Session{Token: resp.JSON200.AccessToken, User: resp.JSON200.User, Refresh: refreshCookie(resp.HTTPResponse)}
}

func refreshCookie(r *http.Response) *http.Cookie {
	for _, c := range r.Cookies() {
		if c.Name == "saas_refresh" {
			return c
		}
	}
	return nil
}

// RefreshCookie sends the refresh cookie.
func RefreshCookie(value string) Credential {
	return func(_ context.Context, r *http.Request) error {
		r.AddCookie(&http.Cookie{Name: "saas_refresh", Value: value})
		return nil
	}
}

// rawBody shows a generated response for failure messages.
func rawBody[R any](r *R) string {
	if r == nil {
		return "<no response>"
	}
	if b := reflect.ValueOf(*r).FieldByName("Body"); b.IsValid() && b.Kind() == reflect.Slice {
		return string(b.Bytes())
	}
	return fmt.Sprintf("%+v", *r)
}
