package apitest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// specRouter finds the spec operation of a concrete request path. Literal
// segments beat parameters, as in the server's router, so
// /api/admin-users/me is not taken for /api/admin-users/{user_id}.
type specRouter struct {
	spec  *openapi3.T
	paths []specPath
}

type specPath struct {
	template string
	segments []string
	item     *openapi3.PathItem
}

func newSpecRouter(spec *openapi3.T) *specRouter {
	r := &specRouter{spec: spec}
	for template, item := range spec.Paths.Map() {
		r.paths = append(r.paths, specPath{template: template, segments: strings.Split(strings.Trim(template, "/"), "/"), item: item})
	}
	return r
}

// find returns the route and its path parameters, or nil when no operation
// of the spec matches (then the test only checks the error shape).
func (r *specRouter) find(req *http.Request) (*routers.Route, map[string]string) {
	segs := strings.Split(strings.Trim(req.URL.EscapedPath(), "/"), "/")
	var best *specPath
	var bestParams map[string]string
	bestLiterals := -1
	for i := range r.paths {
		p := &r.paths[i]
		if len(p.segments) != len(segs) || p.item.GetOperation(req.Method) == nil {
			continue
		}
		params := map[string]string{}
		literals := 0
		ok := true
		for j, s := range p.segments {
			if strings.HasPrefix(s, "{") {
				v, err := url.PathUnescape(segs[j])
				if err != nil {
					v = segs[j]
				}
				params[strings.Trim(s, "{}")] = v
				continue
			}
			if s != segs[j] {
				ok = false
				break
			}
			literals++
		}
		if ok && literals > bestLiterals {
			best, bestParams, bestLiterals = p, params, literals
		}
	}
	if best == nil {
		return nil, nil
	}
	return &routers.Route{Spec: r.spec, Path: best.template, PathItem: best.item, Method: req.Method, Operation: best.item.GetOperation(req.Method)}, bestParams
}
