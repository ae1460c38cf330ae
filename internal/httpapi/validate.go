package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"github.com/saaslite/controlplane/internal/apperr"
)

// validator checks every request against its operation in openapi.yaml:
// content type (415), then parameters and body (422). Handlers can rely on
// types, enums, lengths, patterns and ranges having been checked.
type validator struct {
	ops     operationTable
	options *openapi3filter.Options
}

func newValidator(ops operationTable) *validator {
	return &validator{ops: ops, options: &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		// Security is enforced by the authenticator; here only the shape counts.
		MultiError: false,
	}}
}

func (v *validator) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		op := v.ops[routeKey(c.Request().Method, c.Path())]
		if op == nil {
			return next(c)
		}
		r := c.Request()
		if op.HasBody && r.ContentLength != 0 {
			if !isJSON(r.Header.Get("Content-Type")) {
				return unsupportedMediaType()
			}
			// One JSON value and nothing after it; the schema check below
			// would accept trailing data.
			data, _ := io.ReadAll(r.Body) // already buffered in memory
			r.Body = io.NopCloser(bytes.NewReader(data))
			if !json.Valid(data) {
				return apperr.Validation("body: not valid JSON")
			}
		}
		params := map[string]string{}
		for i, name := range c.ParamNames() {
			value := c.ParamValues()[i]
			if unescaped, err := url.PathUnescape(value); err == nil {
				value = unescaped
			}
			params[name] = value
		}
		input := &openapi3filter.RequestValidationInput{
			Request: r, PathParams: params, Route: op.route, Options: v.options,
		}
		if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
			return apperr.Validation("%s", describeValidation(err))
		}
		return next(c)
	}
}

// describeValidation turns kin-openapi's error into one readable sentence
// naming the field, without echoing the offending value.
func describeValidation(err error) string {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return "Invalid request"
	}
	where := "body"
	if re.Parameter != nil {
		where = fmt.Sprintf("%s parameter '%s'", re.Parameter.In, re.Parameter.Name)
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		if ptr := se.JSONPointer(); len(ptr) > 0 {
			where += "." + strings.Join(ptr, ".")
		}
		reason := se.Reason
		if reason == "" {
			reason = "does not match the schema"
		}
		return where + ": " + reason
	}
	var parseErr *openapi3filter.ParseError
	if errors.As(re.Err, &parseErr) {
		if re.Parameter == nil {
			return "body: not valid JSON"
		}
		return where + ": could not be parsed"
	}
	if re.Err != nil && errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		return where + ": value is required but missing"
	}
	if re.Parameter == nil && re.Err != nil && strings.Contains(re.Err.Error(), "required but missing") {
		return "body: a JSON body is required"
	}
	if re.Reason != "" {
		return where + ": " + re.Reason
	}
	return where + ": invalid"
}
