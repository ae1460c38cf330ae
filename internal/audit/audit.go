// Package audit writes audit-trail entries. Callers pass the transaction's
// queries so that a change and its entry commit together.
package audit

import (
	"context"
	"encoding/json"

	"github.com/google/uuid"

	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/principal"
)

// Entry is one audited action. Details must never hold a password, token or key.
type Entry struct {
	Action       string
	ResourceType string
	ResourceID   string
	Details      map[string]any
}

// Record writes e for the caller found in ctx, inside the transaction q.
func Record(ctx context.Context, q *dbq.Queries, e Entry) error {
	p := principal.From(ctx)
	var userID *uuid.UUID
	actor := "anonymous"
	switch p.Kind {
	case principal.User:
		id := p.UserID
		userID = &id
		actor = "user"
	case principal.MasterKey:
		actor = "master_key"
	}
	return RecordAs(ctx, q, actor, userID, e)
}

// RecordAs writes e for an explicit actor; used where the caller is not yet
// authenticated (setup, login).
func RecordAs(ctx context.Context, q *dbq.Queries, actor string, userID *uuid.UUID, e Entry) error {
	details := e.Details
	if details == nil {
		details = map[string]any{}
	}
	raw, err := json.Marshal(details)
	if err != nil {
		return err
	}
	r := principal.RequestFrom(ctx)
	return q.InsertAuditEntry(ctx, dbq.InsertAuditEntryParams{
		UserID:       userID,
		Actor:        actor,
		Action:       e.Action,
		ResourceType: nonEmpty(e.ResourceType),
		ResourceID:   nonEmpty(e.ResourceID),
		Details:      raw,
		IpAddress:    nonEmpty(r.IP),
		UserAgent:    nonEmpty(truncate(r.UserAgent, 512)),
		RequestID:    nonEmpty(r.RequestID),
	})
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
