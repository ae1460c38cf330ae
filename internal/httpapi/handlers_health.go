package httpapi

import (
	"context"
	"time"

	"github.com/saaslite/controlplane/gen/api"
)

const serviceName = "saas-api"

// GetHealth answers while the process runs.
func (s *Server) GetHealth(ctx context.Context, _ api.GetHealthRequestObject) (api.GetHealthResponseObject, error) {
	name := serviceName
	return api.GetHealth200JSONResponse{Status: api.Healthy, Service: &name}, nil
}

// GetReadiness also asks the database.
func (s *Server) GetReadiness(ctx context.Context, _ api.GetReadinessRequestObject) (api.GetReadinessResponseObject, error) {
	name := serviceName
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.Store.Pool.Ping(ctx); err != nil {
		s.Log.Warn("readiness: database unreachable", "error", err)
		db, detail := "unreachable", "The database is unreachable"
		return api.GetReadiness503JSONResponse{Status: api.Unhealthy, Service: &name, Database: &db, Detail: &detail}, nil
	}
	db := "ok"
	return api.GetReadiness200JSONResponse{Status: api.Healthy, Service: &name, Database: &db}, nil
}
