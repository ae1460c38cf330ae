package httpapi

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/saaslite/controlplane/internal/apperr"
	"github.com/saaslite/controlplane/internal/auth"
	"github.com/saaslite/controlplane/internal/principal"
)

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

var (
	errBodyTooLarge    = &apperr.Error{Kind: apperr.KindValidation, Detail: "Request body is larger than 1048576 bytes"}
	errUnsupportedType = apperr.Validation("Content-Type must be application/json")
)

// requestContext gives the request an id of our own (a client-sent
// X-Request-Id is not trusted: it would end up in the audit trail) and
// stores the request facts in the context for the audit trail and logs.
func requestContext(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		id := auth.RandomToken("", 12)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		facts := principal.Request{
			IP:        c.RealIP(),
			UserAgent: cleanHeaderText(r.UserAgent(), 512),
			RequestID: id,
		}
		c.SetRequest(r.WithContext(principal.WithRequest(r.Context(), facts)))
		return next(c)
	}
}

// cleanHeaderText makes a client-sent header safe to store: valid UTF-8,
// no control characters, at most max bytes without splitting a character.
func cleanHeaderText(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// headAsGet serves HEAD like GET (routing, authorization, headers) and
// drops the body.
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method == http.MethodHead {
			c.Request().Method = http.MethodGet
			c.Response().Writer = bodiless{c.Response().Writer}
		}
		return next(c)
	}
}

type bodiless struct{ http.ResponseWriter }

func (bodiless) Write(b []byte) (int, error) { return len(b), nil }

// accessLog writes one line per request.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // write the response now so its status is logged
			}
			log.Info("request",
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
				"method", c.Request().Method, "path", c.Request().URL.Path,
				"status", c.Response().Status, "duration_ms", time.Since(start).Milliseconds(),
				"ip", c.RealIP())
			return nil
		}
	}
}

// bufferBody reads the whole body up front, at most MaxBodyBytes, whether or
// not it declares a length (chunked bodies are cut off too), so validation
// and binding can both read it.
func bufferBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		if r.ContentLength > MaxBodyBytes {
			return tooLarge()
		}
		data, err := io.ReadAll(http.MaxBytesReader(c.Response(), r.Body, MaxBodyBytes))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return tooLarge()
			}
			return apperr.Validation("Could not read the request body")
		}
		r.Body = io.NopCloser(bytes.NewReader(data))
		r.ContentLength = int64(len(data))
		r.TransferEncoding = nil
		return next(c)
	}
}

func tooLarge() error {
	return &echo.HTTPError{Code: http.StatusRequestEntityTooLarge, Message: errBodyTooLarge.Detail}
}

// isJSON accepts application/json and any +json type, with parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

func unsupportedMediaType() error {
	return &echo.HTTPError{Code: http.StatusUnsupportedMediaType, Message: errUnsupportedType.Detail}
}
