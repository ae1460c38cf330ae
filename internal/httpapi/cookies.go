package httpapi

import (
	"net/http"
	"time"
)

// The dashboard's refresh token lives in an HttpOnly cookie scoped to the
// admin-users API, so scripts cannot read it and no other path receives it.
const (
	refreshCookieName = "saas_refresh"
	refreshCookiePath = "/api/admin-users"
)

func (s *Server) refreshCookie(token string, expires time.Time) string {
	c := &http.Cookie{
		Name: refreshCookieName, Value: token, Path: refreshCookiePath,
		Expires: expires, MaxAge: int(time.Until(expires).Seconds()),
		HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode,
	}
	return c.String()
}

func (s *Server) clearedRefreshCookie() string {
	c := &http.Cookie{
		Name: refreshCookieName, Value: "", Path: refreshCookiePath, MaxAge: -1,
		HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode,
	}
	return c.String()
}
