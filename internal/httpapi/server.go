// Package httpapi is the HTTP layer: the Echo router built from the generated
// strict-server interface, the middleware chain (request context, body limit,
// authentication and authorization from x-permission, validation against
// openapi.yaml) and one thin handler file per resource.
package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/users"
)

// Deps are what the handlers need.
type Deps struct {
	Log   *slog.Logger
	Store *store.Store
	Users *users.Service
	// Teams authenticates team keys; nil refuses every team key.
	Teams TeamKeyAuthenticator
	Management
	MasterKey string
	// SecureCookies adds Secure to the refresh cookie (outside development).
	SecureCookies bool
	CORSOrigins   []string
}

// Server implements api.StrictServerInterface.
type Server struct {
	Deps
}

var _ api.StrictServerInterface = (*Server)(nil)

// New builds the API router.
func New(d Deps) (*echo.Echo, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	_, ops, err := loadOperations()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Audit entries and the login throttle use the client address: take it
	// from the connection, never from spoofable forwarding headers.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = handleError(d.Log)

	e.Pre(middleware.RemoveTrailingSlash(), headAsGet)
	e.Use(requestContext)
	e.Use(accessLog(d.Log))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true}))
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:  d.CORSOrigins,
		AllowHeaders:  []string{"Authorization", "Content-Type", "X-Admin-Key", "Idempotency-Key"},
		ExposeHeaders: []string{"X-Total-Count", "X-Request-Id"},
		AllowMethods:  []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
	}))
	e.Use(bufferBody)
	e.Use((&authenticator{ops: ops, masterKey: d.MasterKey, users: d.Users, teams: d.Teams}).middleware)
	e.Use(newValidator(ops).middleware)

	api.RegisterHandlers(e, api.NewStrictHandler(&Server{Deps: d}, nil))
	return e, nil
}
