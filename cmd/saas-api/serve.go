package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/saaslite/controlplane/internal/app"
	"github.com/saaslite/controlplane/internal/config"
	"github.com/saaslite/controlplane/internal/migrate"
)

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	if err := cfg.EnsureDevJWTSecret(); err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.close()

	n, err := migrate.Up(ctx, db.url)
	if err != nil {
		return err
	}
	log.Info("database ready", "migrations_applied", n)

	poolCfg, err := pgxpool.ParseConfig(db.url)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	if !strings.Contains(db.url, "pool_max_conns") {
		// pgx's default (the CPU count, at least 4) is too few for the
		// requests that wait on row locks; DATABASE_URL can still set it.
		poolCfg.MaxConns = 20
	}
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return fmt.Errorf("connect to the database: %w", err)
	}
	defer pool.Close()

	a, err := app.New(cfg, pool, log)
	if err != nil {
		return err
	}
	go a.Housekeep(ctx, log, 10*time.Minute)

	servers := []*http.Server{
		newServer(cfg.ListenHost, cfg.Port, a.API),
		newServer(cfg.ListenHost, cfg.DashboardPort, a.Dashboard),
	}
	errs := make(chan error, len(servers))
	for _, srv := range servers {
		ln, err := net.Listen("tcp", srv.Addr)
		if err != nil {
			shutdown(servers, log)
			return fmt.Errorf("listen on %s: %w", srv.Addr, err)
		}
		go func(srv *http.Server, ln net.Listener) {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errs <- err
			}
		}(srv, ln)
	}
	log.Info("saas-api is serving",
		"api", "http://"+servers[0].Addr, "dashboard", "http://"+servers[1].Addr,
		"production", cfg.Production)

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err = <-errs:
		log.Error("server failed", "error", err)
	}
	shutdown(servers, log)
	return err
}

func newServer(host string, port int, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              net.JoinHostPort(host, strconv.Itoa(port)),
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

func shutdown(servers []*http.Server, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, srv := range servers {
		if err := srv.Shutdown(ctx); err != nil {
			log.Warn("shutdown", "addr", srv.Addr, "error", err)
		}
	}
}
