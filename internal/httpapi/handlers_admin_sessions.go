package httpapi

import (
	"context"
	"net/http"

	"github.com/google/uuid"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/users"
)

// Setup, login, refresh, logout and the caller's own sessions.

func (s *Server) GetSetupStatus(ctx context.Context, _ api.GetSetupStatusRequestObject) (api.GetSetupStatusResponseObject, error) {
	st, err := s.Users.SetupStatus(ctx)
	if err != nil {
		return nil, err
	}
	return api.GetSetupStatus200JSONResponse(st), nil
}

func (s *Server) SetupOwner(ctx context.Context, req api.SetupOwnerRequestObject) (api.SetupOwnerResponseObject, error) {
	issued, err := s.Users.Setup(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.SetupOwner200JSONResponse{LoginOKJSONResponse: s.signedIn(issued)}, nil
}

func (s *Server) Login(ctx context.Context, req api.LoginRequestObject) (api.LoginResponseObject, error) {
	issued, err := s.Users.Login(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.Login200JSONResponse{LoginOKJSONResponse: s.signedIn(issued)}, nil
}

func (s *Server) RefreshSession(ctx context.Context, req api.RefreshSessionRequestObject) (api.RefreshSessionResponseObject, error) {
	token := ""
	if req.Params.SaasRefresh != nil {
		token = *req.Params.SaasRefresh
	}
	issued, err := s.Users.Refresh(ctx, token)
	if err != nil {
		return nil, &withHeaders{err: err, headers: http.Header{"Set-Cookie": {s.clearedRefreshCookie()}}}
	}
	return api.RefreshSession200JSONResponse{LoginOKJSONResponse: s.signedIn(issued)}, nil
}

func (s *Server) Logout(ctx context.Context, _ api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := s.Users.Logout(ctx); err != nil {
		return nil, err
	}
	cookie := s.clearedRefreshCookie()
	return api.Logout200JSONResponse{
		Body:    api.Message{Message: "Logged out successfully"},
		Headers: api.Logout200ResponseHeaders{SetCookie: &cookie},
	}, nil
}

func (s *Server) ListMySessions(ctx context.Context, _ api.ListMySessionsRequestObject) (api.ListMySessionsResponseObject, error) {
	list, err := s.Users.ListSessions(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListMySessions200JSONResponse(list), nil
}

func (s *Server) RevokeMySession(ctx context.Context, req api.RevokeMySessionRequestObject) (api.RevokeMySessionResponseObject, error) {
	if err := s.Users.RevokeSession(ctx, uuid.UUID(req.SessionId)); err != nil {
		return nil, err
	}
	return api.RevokeMySession200JSONResponse{Message: "Session revoked"}, nil
}

func (s *Server) RevokeMyOtherSessions(ctx context.Context, _ api.RevokeMyOtherSessionsRequestObject) (api.RevokeMyOtherSessionsResponseObject, error) {
	n, err := s.Users.RevokeOtherSessions(ctx)
	if err != nil {
		return nil, err
	}
	return api.RevokeMyOtherSessions200JSONResponse{Revoked: int(n)}, nil
}

// signedIn is the 200 of setup, login and refresh: tokens in the body, the
// refresh token only in its cookie.
func (s *Server) signedIn(issued users.Issued) api.LoginOKJSONResponse {
	cookie := s.refreshCookie(issued.RefreshToken, issued.RefreshExpires)
	return api.LoginOKJSONResponse{Body: issued.Result, Headers: api.LoginOKResponseHeaders{SetCookie: &cookie}}
}
