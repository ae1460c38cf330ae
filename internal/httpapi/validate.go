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
			if hasNULEscape(data) {
				// PostgreSQL text cannot hold U+0000.
				return apperr.Validation("body: strings must not contain the NUL character (\\u0000)")
			}
		}
		params := map[string]string{}
		for _, name := range c.ParamNames() {
			params[name] = pathParam(c, name)
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

// pathParam is a path parameter as the handlers see it: percent-decoded
// (Echo keeps the raw form). Authorization and validation use this too, so
// all three agree on which team a request is about.
func pathParam(c echo.Context, name string) string {
	v := c.Param(name)
	if unescaped, err := url.PathUnescape(v); err == nil {
		return unescaped
	}
	return v
}

// hasNULEscape reports whether valid JSON text contains a \u0000 escape (a
// raw NUL byte is not valid JSON). A backslash run before "u0000" of odd
// length means the escape is real, even length means escaped backslashes.
func hasNULEscape(data []byte) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("u0000"))
		if j < 0 {
			return false
		}
		pos := i + j
		slashes := 0
		for k := pos - 1; k >= 0 && data[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 1 {
			return true
		}
		i = pos + 1
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
