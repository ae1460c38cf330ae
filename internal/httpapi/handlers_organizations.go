package httpapi

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
)

// Organizations.

func (s *Server) ListOrganizations(ctx context.Context, _ api.ListOrganizationsRequestObject) (api.ListOrganizationsResponseObject, error) {
	list, err := s.OrgService.List(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListOrganizations200JSONResponse(list), nil
}

func (s *Server) CreateOrganization(ctx context.Context, req api.CreateOrganizationRequestObject) (api.CreateOrganizationResponseObject, error) {
	org, err := s.OrgService.Create(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateOrganization200JSONResponse(org), nil
}

func (s *Server) GetOrganization(ctx context.Context, req api.GetOrganizationRequestObject) (api.GetOrganizationResponseObject, error) {
	org, err := s.OrgService.Get(ctx, req.OrganizationId)
	if err != nil {
		return nil, err
	}
	return api.GetOrganization200JSONResponse(org), nil
}

func (s *Server) ListOrganizationTeams(ctx context.Context, req api.ListOrganizationTeamsRequestObject) (api.ListOrganizationTeamsResponseObject, error) {
	list, err := s.OrgService.Teams(ctx, req.OrganizationId)
	if err != nil {
		return nil, err
	}
	return api.ListOrganizationTeams200JSONResponse(list), nil
}

func (s *Server) GetOrganizationUsage(ctx context.Context, req api.GetOrganizationUsageRequestObject) (api.GetOrganizationUsageResponseObject, error) {
	usage, err := s.OrgService.Usage(ctx, req.OrganizationId, req.Params.Period)
	if err != nil {
		return nil, err
	}
	return api.GetOrganizationUsage200JSONResponse(usage), nil
}
