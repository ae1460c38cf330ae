package httpapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/access"
)

// operation is what the middleware needs to know about one route, read from
// the embedded openapi.yaml so that the spec stays the only declaration.
type operation struct {
	ID     string
	Policy access.Policy
	// HasBody is true when the operation declares a request body.
	HasBody bool
	route   *routers.Route
}

// operationTable maps "METHOD echo-path" (e.g. "GET /api/teams/:team_id") to
// its operation.
type operationTable map[string]*operation

func routeKey(method, echoPath string) string { return method + " " + echoPath }

// EchoPath converts an OpenAPI path template to Echo's syntax.
func EchoPath(specPath string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(specPath)
}

// loadOperations reads every operation of the embedded spec. It fails when an
// operation lacks a known x-permission: authorization must be declared for
// everything, and a typo must not silently open a route.
func loadOperations() (*openapi3.T, operationTable, error) {
	spec, err := api.GetSpec()
	if err != nil {
		return nil, nil, fmt.Errorf("load embedded spec: %w", err)
	}
	// The server URL in the spec is for documentation; route on paths only.
	spec.Servers = nil
	table := operationTable{}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			raw, ok := op.Extensions["x-permission"]
			policy, _ := raw.(string)
			if !ok || !access.Known(access.Policy(policy)) {
				return nil, nil, fmt.Errorf("%s %s (%s): missing or unknown x-permission %v", method, path, op.OperationID, raw)
			}
			table[routeKey(method, EchoPath(path))] = &operation{
				ID:      op.OperationID,
				Policy:  access.Policy(policy),
				HasBody: op.RequestBody != nil && method != http.MethodGet,
				route:   &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: op},
			}
		}
	}
	return spec, table, nil
}
