// Package api holds the code generators' configuration; `go generate ./api`
// (or `make generate`) rewrites everything under gen/ from openapi.yaml and
// the SQL in db/.
package api

//go:generate go tool oapi-codegen -config server.cfg.yaml ../openapi.yaml
//go:generate go tool oapi-codegen -config client.cfg.yaml ../openapi.yaml
//go:generate go tool sqlc generate -f ../sqlc.yaml
