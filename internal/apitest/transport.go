package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// validatingTransport checks every exchange against openapi.yaml:
//   - a response must be declared for its operation and status, and match
//     its schema and headers;
//   - a request that breaks the spec must be answered with a 4xx (never a
//     2xx, never a 5xx);
//   - every error response is JSON with a non-empty detail.
type validatingTransport struct {
	t      testing.TB
	router *specRouter
	next   http.RoundTripper
}

var (
	requestOptions  = &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, SkipSettingDefaults: true}
	responseOptions = &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
)

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t := v.t
	t.Helper()
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	route, params := v.router.find(req)

	requestValid := true
	var reqErr error
	if route != nil {
		check := req.Clone(context.Background())
		check.Body = io.NopCloser(bytes.NewReader(reqBody))
		input := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: requestOptions}
		if reqErr = openapi3filter.ValidateRequest(context.Background(), input); reqErr != nil {
			requestValid = false
		}
	}

	resp, err := v.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	respBody, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	where := req.Method + " " + req.URL.Path

	if resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("%s: server error %d: %s", where, resp.StatusCode, respBody)
	}
	if resp.StatusCode >= 400 {
		var e struct {
			Detail string `json:"detail"`
		}
		if !strings.Contains(resp.Header.Get("Content-Type"), "json") || json.Unmarshal(respBody, &e) != nil || e.Detail == "" {
			t.Errorf("%s: error %d without a JSON detail: %q", where, resp.StatusCode, respBody)
		}
	}
	if !requestValid && (resp.StatusCode < 400 || resp.StatusCode >= 500) {
		t.Errorf("%s: request breaks the spec (%v) but got %d", where, reqErr, resp.StatusCode)
	}
	if route == nil {
		return resp, nil
	}
	check := req.Clone(context.Background())
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: requestOptions},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                responseOptions,
	}
	out.SetBodyBytes(respBody)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s: response %d breaks the spec: %v\nbody: %s", where, resp.StatusCode, err, truncate(respBody, 600))
	}
	return resp, nil
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "…"
}
