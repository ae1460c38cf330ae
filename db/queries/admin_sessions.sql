-- name: InsertSession :exec
INSERT INTO admin_sessions (session_id, user_id, token_hash, refresh_hash, ip_address, user_agent, expires_at)
VALUES (@session_id, @user_id, @token_hash, @refresh_hash, @ip_address, @user_agent, @expires_at);

-- name: AuthenticateSession :one
-- The single query behind every JWT request: the session must be live, bound
-- to this exact token, and its user active.
SELECT sqlc.embed(u), s.session_id, s.expires_at AS session_expires_at
FROM admin_sessions s
JOIN admin_users u ON u.user_id = s.user_id
WHERE s.session_id = @session_id
  AND s.token_hash = @token_hash
  AND s.revoked_at IS NULL
  AND s.expires_at > now()
  AND u.is_active;

-- name: GetSessionByRefreshHashForUpdate :one
SELECT s.*, u.is_active AS user_is_active
FROM admin_sessions s
JOIN admin_users u ON u.user_id = s.user_id
WHERE s.refresh_hash = @refresh_hash
FOR UPDATE OF s;

-- name: GetSessionOfUsedRefreshToken :one
SELECT session_id FROM admin_used_refresh_tokens WHERE refresh_hash = @refresh_hash;

-- name: InsertUsedRefreshToken :exec
INSERT INTO admin_used_refresh_tokens (refresh_hash, session_id) VALUES (@refresh_hash, @session_id);

-- name: RotateSessionTokens :exec
UPDATE admin_sessions
SET token_hash = @token_hash, refresh_hash = @refresh_hash, last_refreshed_at = now()
WHERE session_id = @session_id;

-- name: RevokeSession :execrows
UPDATE admin_sessions
SET revoked_at = now(), revoked_reason = @reason, refresh_hash = NULL
WHERE session_id = @session_id AND user_id = @user_id AND revoked_at IS NULL;

-- name: RevokeSessionByID :execrows
UPDATE admin_sessions
SET revoked_at = now(), revoked_reason = @reason, refresh_hash = NULL
WHERE session_id = @session_id AND revoked_at IS NULL;

-- name: RevokeUserSessionsExcept :execrows
UPDATE admin_sessions
SET revoked_at = now(), revoked_reason = @reason, refresh_hash = NULL
WHERE user_id = @user_id AND revoked_at IS NULL AND session_id <> @keep_session_id;

-- name: RevokeAllUserSessions :execrows
UPDATE admin_sessions
SET revoked_at = now(), revoked_reason = @reason, refresh_hash = NULL
WHERE user_id = @user_id AND revoked_at IS NULL;

-- name: ListLiveSessions :many
SELECT * FROM admin_sessions
WHERE user_id = @user_id AND revoked_at IS NULL AND expires_at > now()
ORDER BY created_at DESC, session_id;

-- name: DeleteStaleSessions :execrows
-- Housekeeping: sessions that ended more than a week ago.
DELETE FROM admin_sessions
WHERE coalesce(revoked_at, expires_at) < now() - interval '7 days';

-- name: LockLiveSession :one
-- A change made on behalf of a session holds its row: a revocation that
-- lands first makes the change fail, one that lands later waits.
SELECT session_id FROM admin_sessions
WHERE session_id = @session_id AND revoked_at IS NULL AND expires_at > now()
FOR UPDATE;
