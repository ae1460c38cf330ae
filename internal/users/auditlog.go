package users

import (
	"context"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/saaslite/controlplane/gen/api"
	dbq "github.com/saaslite/controlplane/gen/db"
	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/metadata"
)

// AuditPage is one page of audit entries and the number of entries that
// match the filters in all.
type AuditPage struct {
	Entries []api.AuditLogEntry
	Total   int64
}

// ListAudit returns entries newest first. Limits were validated against the
// spec before this runs; defaults are applied here.
func (s *Service) ListAudit(ctx context.Context, p api.ListAuditLogsParams) (AuditPage, error) {
	limit, offset := 100, 0
	if p.Limit != nil {
		limit = *p.Limit
	}
	if p.Offset != nil {
		offset = *p.Offset
	}
	filter := dbq.ListAuditEntriesParams{
		Action: p.Action, ResourceType: p.ResourceType, ResourceID: p.ResourceId,
		MaxRows: int32(limit), SkipRows: int32(offset),
	}
	if p.UserId != nil {
		id := *p.UserId
		filter.UserID = &id
	}
	rows, err := s.store.Q.ListAuditEntries(ctx, filter)
	if err != nil {
		return AuditPage{}, apperr.Internal(err, "list audit entries")
	}
	total, err := s.store.Q.CountAuditEntries(ctx, dbq.CountAuditEntriesParams{
		Action: filter.Action, UserID: filter.UserID, ResourceType: filter.ResourceType, ResourceID: filter.ResourceID,
	})
	if err != nil {
		return AuditPage{}, apperr.Internal(err, "count audit entries")
	}
	out := make([]api.AuditLogEntry, 0, len(rows))
	for _, r := range rows {
		e := api.AuditLogEntry{
			AuditId:      openapi_types.UUID(r.AuditID),
			Actor:        api.AuditLogEntryActor(r.Actor),
			Action:       r.Action,
			ResourceType: r.ResourceType,
			ResourceId:   r.ResourceID,
			Details:      metadata.Decode(r.Details),
			IpAddress:    r.IpAddress,
			UserAgent:    r.UserAgent,
			RequestId:    r.RequestID,
			CreatedAt:    r.CreatedAt,
		}
		if r.UserID != nil {
			id := openapi_types.UUID(*r.UserID)
			e.UserId = &id
		}
		out = append(out, e)
	}
	return AuditPage{Entries: out, Total: total}, nil
}
