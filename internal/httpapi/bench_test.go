package httpapi_test

import (
	"testing"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// BenchmarkAuthenticatedRead measures one authenticated request end to end:
// HTTP, JWT verification, the session query, validation and the handler.
// (The validating test transport is part of the measured client cost.)
func BenchmarkAuthenticatedRead(b *testing.B) {
	env := apitest.New(b)
	owner := env.SetupOwner()
	c := env.Client(apitest.Bearer(owner.Token))
	b.ResetTimer()
	for b.Loop() {
		r, err := c.GetMeWithResponse(bg)
		if err != nil || r.StatusCode() != 200 {
			b.Fatalf("%v %d", err, r.StatusCode())
		}
	}
}

func BenchmarkAuditLogPage(b *testing.B) {
	env := apitest.New(b)
	owner := env.SetupOwner()
	for range 200 {
		env.Login(apitest.OwnerEmail, apitest.OwnerPassword)
	}
	c := env.Client(apitest.Bearer(owner.Token))
	b.ResetTimer()
	for b.Loop() {
		r, err := c.ListAuditLogsWithResponse(bg, nil)
		if err != nil || r.StatusCode() != 200 {
			b.Fatalf("%v %d", err, r.StatusCode())
		}
	}
}

// BenchmarkAddCredits measures one credit allocation over HTTP: the atomic
// balance update, its ledger entry and the audit entry in one transaction.
func BenchmarkAddCredits(b *testing.B) {
	env := apitest.New(b)
	c := env.Client(apitest.AdminKey(apitest.MasterKey))
	if r, _ := c.CreateOrganizationWithResponse(bg, client.OrganizationCreate{OrganizationId: "bench", Name: "Bench"}); r.StatusCode() != 200 {
		b.Fatal(string(r.Body))
	}
	if r, _ := c.CreateTeamWithResponse(bg, client.TeamCreate{OrganizationId: "bench", TeamId: "bench-team"}); r.StatusCode() != 200 {
		b.Fatal(string(r.Body))
	}
	b.ResetTimer()
	for b.Loop() {
		r, err := c.AddCreditsWithResponse(bg, "bench-team", nil, client.AddCreditsRequest{Credits: 1})
		if err != nil || r.StatusCode() != 200 {
			b.Fatalf("%v %d", err, r.StatusCode())
		}
	}
}
