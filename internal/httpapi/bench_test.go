package httpapi_test

import (
	"testing"

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
