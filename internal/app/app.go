// Package app wires configuration, the database and the services into the
// two HTTP handlers (API and dashboard). The binary and the tests build the
// service through here, so they run the same thing.
package app

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/config"
	"github.com/saaslite/controlplane/internal/httpapi"
	"github.com/saaslite/controlplane/internal/store"
	"github.com/saaslite/controlplane/internal/users"
	"github.com/saaslite/controlplane/internal/webui"
)

// App is the wired service.
type App struct {
	API       *echo.Echo
	Dashboard http.Handler
	Store     *store.Store
	// housekeepers are periodic clean-ups registered by the services.
	housekeepers []func(context.Context) error
}

// New wires the service on an open pool. cfg.JWTSecret must be set.
func New(cfg *config.Config, pool *pgxpool.Pool, log *slog.Logger) (*App, error) {
	st := store.New(pool)
	tokens := auth.NewTokens(cfg.JWTSecret)
	userService := users.New(st, tokens, cfg.SessionTTL)
	deps := httpapi.Deps{
		Log:           log,
		Store:         st,
		Users:         userService,
		MasterKey:     cfg.MasterKey,
		SecureCookies: cfg.Production,
		CORSOrigins:   cfg.CORSOrigins,
	}
	a := &App{Store: st, housekeepers: []func(context.Context) error{userService.Housekeep}}
	wireManagement(a, &deps, st)
	api, err := httpapi.New(deps)
	if err != nil {
		return nil, err
	}
	a.API, a.Dashboard = api, webui.Handler(cfg.DashboardDir, api)
	return a, nil
}
