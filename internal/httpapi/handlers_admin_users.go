package httpapi

import (
	"context"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
)

// The current user, the user directory and the audit log.

func (s *Server) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	me, err := s.Users.Me(ctx)
	if err != nil {
		return nil, err
	}
	return api.GetMe200JSONResponse(me), nil
}

func (s *Server) ChangePassword(ctx context.Context, req api.ChangePasswordRequestObject) (api.ChangePasswordResponseObject, error) {
	if err := s.Users.ChangePassword(ctx, *req.Body); err != nil {
		return nil, err
	}
	return api.ChangePassword200JSONResponse{Message: "Password changed successfully"}, nil
}

func (s *Server) ListAdminUsers(ctx context.Context, _ api.ListAdminUsersRequestObject) (api.ListAdminUsersResponseObject, error) {
	list, err := s.Users.List(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListAdminUsers200JSONResponse(list), nil
}

func (s *Server) CreateAdminUser(ctx context.Context, req api.CreateAdminUserRequestObject) (api.CreateAdminUserResponseObject, error) {
	u, err := s.Users.Create(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateAdminUser200JSONResponse(u), nil
}

func (s *Server) UpdateAdminUser(ctx context.Context, req api.UpdateAdminUserRequestObject) (api.UpdateAdminUserResponseObject, error) {
	u, err := s.Users.Update(ctx, uuid.UUID(req.UserId), *req.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateAdminUser200JSONResponse(u), nil
}

func (s *Server) DeactivateAdminUser(ctx context.Context, req api.DeactivateAdminUserRequestObject) (api.DeactivateAdminUserResponseObject, error) {
	if err := s.Users.Deactivate(ctx, uuid.UUID(req.UserId)); err != nil {
		return nil, err
	}
	return api.DeactivateAdminUser200JSONResponse{Message: "User deactivated successfully"}, nil
}

func (s *Server) ListAuditLogs(ctx context.Context, req api.ListAuditLogsRequestObject) (api.ListAuditLogsResponseObject, error) {
	page, err := s.Users.ListAudit(ctx, req.Params)
	if err != nil {
		return nil, err
	}
	total := int(page.Total)
	return api.ListAuditLogs200JSONResponse{
		Body:    page.Entries,
		Headers: api.ListAuditLogs200ResponseHeaders{XTotalCount: &total},
	}, nil
}
