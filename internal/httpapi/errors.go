package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/saaslite/controlplane/gen/api"
	"github.com/saaslite/controlplane/internal/apperr"
)

// wwwAuthenticate is sent with every 401.
const wwwAuthenticate = `Bearer realm="saas-api"`

// withHeaders lets a handler attach response headers to an error it returns
// (the refresh endpoint clears its cookie on failure) while the body is still
// written here, in the one error mapper.
type withHeaders struct {
	err     error
	headers http.Header
}

func (w *withHeaders) Error() string { return w.err.Error() }
func (w *withHeaders) Unwrap() error { return w.err }

// statusOf maps a domain error kind to its HTTP status.
var statusOf = map[apperr.Kind]int{
	apperr.KindInternal:        http.StatusInternalServerError,
	apperr.KindInvalid:         http.StatusBadRequest,
	apperr.KindUnauthenticated: http.StatusUnauthorized,
	apperr.KindForbidden:       http.StatusForbidden,
	apperr.KindNotFound:        http.StatusNotFound,
	apperr.KindValidation:      http.StatusUnprocessableEntity,
	apperr.KindTooMany:         http.StatusTooManyRequests,
}

// problem is the classification of any error into what the client sees.
type problem struct {
	status     int
	detail     string
	retryAfter int
	cause      error // logged for 5xx
}

func classify(err error) problem {
	if e, ok := apperr.As(err); ok {
		p := problem{status: statusOf[e.Kind], detail: e.Detail, retryAfter: e.RetryAfterSeconds}
		if p.status == 0 || p.status >= 500 {
			p.cause = err
		}
		if p.status == 0 {
			p.status = http.StatusInternalServerError
		}
		return p
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		detail := http.StatusText(he.Code)
		if msg, ok := he.Message.(string); ok && msg != "" {
			detail = msg
		}
		switch he.Code {
		case http.StatusBadRequest:
			// Echo answers 400 only when binding a body or parameter fails;
			// that is input not matching the schema.
			var typeErr *json.UnmarshalTypeError
			if errors.As(he.Internal, &typeErr) && typeErr.Field != "" {
				detail = fmt.Sprintf("body.%s: must be %s", typeErr.Field, goKindName(typeErr.Type.Kind()))
			} else {
				detail = "Invalid request: the body or a parameter has the wrong type"
			}
			return problem{status: http.StatusUnprocessableEntity, detail: detail}
		case http.StatusRequestEntityTooLarge:
			return problem{status: he.Code, detail: errBodyTooLarge.Detail}
		}
		p := problem{status: he.Code, detail: detail}
		if he.Code >= 500 {
			p.cause = err
		}
		return p
	}
	return problem{status: http.StatusInternalServerError, detail: "Internal server error", cause: err}
}

func goKindName(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "of another type"
}

// handleError is Echo's HTTPErrorHandler: every error of every route,
// middleware, 404 and 405 becomes one JSON shape with a detail.
func handleError(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := classify(err)
		reqID := c.Response().Header().Get(echo.HeaderXRequestID)
		if p.cause != nil {
			log.Error("request failed", "request_id", reqID, "method", c.Request().Method,
				"path", c.Request().URL.Path, "status", p.status, "error", p.cause)
			if p.status == http.StatusInternalServerError {
				p.detail = "Internal server error"
			}
		}
		h := c.Response().Header()
		var wh *withHeaders
		if errors.As(err, &wh) {
			for k, vs := range wh.headers {
				for _, v := range vs {
					h.Add(k, v)
				}
			}
		}
		if p.status == http.StatusUnauthorized {
			h.Set("WWW-Authenticate", wwwAuthenticate)
		}
		if p.retryAfter > 0 {
			h.Set("Retry-After", strconv.Itoa(p.retryAfter))
		}
		status := p.status
		body := api.Error{Detail: p.detail, Status: &status, RequestId: &reqID}
		title := http.StatusText(p.status)
		body.Title = &title
		if werr := c.JSON(p.status, body); werr != nil {
			log.Warn("write error response", "request_id", reqID, "error", werr)
		}
	}
}
