package httpapi

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
)

// Teams and their keys.

func (s *Server) ListTeams(ctx context.Context, _ api.ListTeamsRequestObject) (api.ListTeamsResponseObject, error) {
	list, err := s.TeamService.List(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListTeams200JSONResponse(list), nil
}

func (s *Server) CreateTeam(ctx context.Context, req api.CreateTeamRequestObject) (api.CreateTeamResponseObject, error) {
	created, err := s.TeamService.Create(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateTeam200JSONResponse(created), nil
}

func (s *Server) GetTeam(ctx context.Context, req api.GetTeamRequestObject) (api.GetTeamResponseObject, error) {
	team, err := s.TeamService.Get(ctx, req.TeamId)
	if err != nil {
		return nil, err
	}
	return api.GetTeam200JSONResponse(team), nil
}

func (s *Server) AssignTeamModelGroups(ctx context.Context, req api.AssignTeamModelGroupsRequestObject) (api.AssignTeamModelGroupsResponseObject, error) {
	assigned, err := s.TeamService.AssignModelGroups(ctx, req.TeamId, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.AssignTeamModelGroups200JSONResponse(assigned), nil
}

func (s *Server) SuspendTeam(ctx context.Context, req api.SuspendTeamRequestObject) (api.SuspendTeamResponseObject, error) {
	team, err := s.TeamService.Suspend(ctx, req.TeamId)
	if err != nil {
		return nil, err
	}
	return api.SuspendTeam200JSONResponse(team), nil
}

func (s *Server) ResumeTeam(ctx context.Context, req api.ResumeTeamRequestObject) (api.ResumeTeamResponseObject, error) {
	team, err := s.TeamService.Resume(ctx, req.TeamId)
	if err != nil {
		return nil, err
	}
	return api.ResumeTeam200JSONResponse(team), nil
}

func (s *Server) RotateTeamKey(ctx context.Context, req api.RotateTeamKeyRequestObject) (api.RotateTeamKeyResponseObject, error) {
	grace := 0 // the body is optional; no body means no grace
	if req.Body != nil && req.Body.GracePeriodSeconds != nil {
		grace = *req.Body.GracePeriodSeconds
	}
	rotated, err := s.TeamService.RotateKey(ctx, req.TeamId, grace)
	if err != nil {
		return nil, err
	}
	return api.RotateTeamKey200JSONResponse(rotated), nil
}
