package httpapi

import (
	"reflect"
	"testing"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/access"
)

// Every operation of the spec declares a known x-permission, and the table
// covers exactly the operations the generated interface has.
func TestOperationTable(t *testing.T) {
	_, ops, err := loadOperations()
	if err != nil {
		t.Fatal(err)
	}
	methods := reflect.TypeOf((*api.StrictServerInterface)(nil)).Elem().NumMethod()
	if len(ops) != methods {
		t.Fatalf("%d operations in the spec, %d in the interface", len(ops), methods)
	}
	byID := map[string]*operation{}
	for _, op := range ops {
		if !access.Known(op.Policy) {
			t.Errorf("%s: unknown policy %q", op.ID, op.Policy)
		}
		byID[op.ID] = op
	}
	// Spot checks that the spec says what the contract says (the embedded
	// spec carries the Go names of the operations).
	want := map[string]access.Policy{
		"GetHealth": access.Public, "Login": access.Public, "SetupOwner": access.Public, "RefreshSession": access.Public,
		"GetMe": access.Session, "Logout": access.Session, "ListAdminUsers": access.ManageUsers,
		"ListAuditLogs": access.Audit, "CreateOrganization": access.Write, "ListTeams": access.Read,
		"AddCredits": access.Write, "GetCreditBalance": access.TeamRead, "ListCreditTransactions": access.TeamRead,
	}
	for id, p := range want {
		if byID[id] == nil || byID[id].Policy != p {
			t.Errorf("%s: policy %v, want %s", id, byID[id], p)
		}
	}
}

func TestBearerToken(t *testing.T) {
	cases := map[string]string{
		"Bearer abc": "abc", "bearer abc": "abc", "BEARER  abc ": "abc", "Bearer": "", "Basic abc": "",
		"Bearer a b": "", "Bearer ": "", "": "",
	}
	for in, want := range cases {
		got, ok := bearerToken(in)
		if got != want || ok != (want != "") {
			t.Errorf("bearerToken(%q) = %q, %v", in, got, ok)
		}
	}
}

func FuzzBearerToken(f *testing.F) {
	for _, s := range []string{"Bearer abc", "bearer\tx", "Bearer  ", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		tok, ok := bearerToken(h)
		if ok && (tok == "" || len(tok) > 4096) {
			t.Fatalf("accepted %q as %q", h, tok)
		}
	})
}
