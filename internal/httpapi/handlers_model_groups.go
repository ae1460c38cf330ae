package httpapi

import (
	"context"

	"github.com/saaslite/controlplane/gen/api"
)

// Model groups.

func (s *Server) ListModelGroups(ctx context.Context, _ api.ListModelGroupsRequestObject) (api.ListModelGroupsResponseObject, error) {
	list, err := s.ModelGroupService.List(ctx)
	if err != nil {
		return nil, err
	}
	return api.ListModelGroups200JSONResponse(list), nil
}

func (s *Server) CreateModelGroup(ctx context.Context, req api.CreateModelGroupRequestObject) (api.CreateModelGroupResponseObject, error) {
	g, err := s.ModelGroupService.Create(ctx, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateModelGroup200JSONResponse(g), nil
}

func (s *Server) GetModelGroup(ctx context.Context, req api.GetModelGroupRequestObject) (api.GetModelGroupResponseObject, error) {
	g, err := s.ModelGroupService.Get(ctx, req.GroupName)
	if err != nil {
		return nil, err
	}
	return api.GetModelGroup200JSONResponse(g), nil
}

func (s *Server) ReplaceModelGroupModels(ctx context.Context, req api.ReplaceModelGroupModelsRequestObject) (api.ReplaceModelGroupModelsResponseObject, error) {
	g, err := s.ModelGroupService.ReplaceModels(ctx, req.GroupName, *req.Body)
	if err != nil {
		return nil, err
	}
	return api.ReplaceModelGroupModels200JSONResponse(g), nil
}

func (s *Server) DeleteModelGroup(ctx context.Context, req api.DeleteModelGroupRequestObject) (api.DeleteModelGroupResponseObject, error) {
	if err := s.ModelGroupService.Delete(ctx, req.GroupName); err != nil {
		return nil, err
	}
	return api.DeleteModelGroup200JSONResponse{Message: "Model group '" + req.GroupName + "' deleted"}, nil
}
