-- name: StartLoginAttempt :one
INSERT INTO login_attempts (email, ip_address) VALUES (@email, @ip_address) RETURNING attempt_id;

-- name: CountLoginAttemptsAgainst :one
-- Attempts that count against the throttle: failed ones, and those still
-- being checked (a parallel burst is counted before any of it finishes).
SELECT count(*) FROM login_attempts
WHERE email = @email AND ip_address = @ip_address
  AND outcome IN ('pending', 'failed')
  AND created_at > now() - make_interval(secs => @window_seconds::float8);

-- name: FinishLoginAttempt :exec
UPDATE login_attempts SET outcome = @outcome WHERE attempt_id = @attempt_id;

-- name: DeleteOldLoginAttempts :execrows
DELETE FROM login_attempts WHERE created_at < now() - interval '1 day';
