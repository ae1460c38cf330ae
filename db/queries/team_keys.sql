-- name: InsertTeamKey :exec
INSERT INTO team_keys (key_hash, team_id, key_prefix) VALUES (@key_hash, @team_id, @key_prefix);

-- name: ExpireOtherTeamKeys :many
-- After a rotation every other live key of the team ends after the grace
-- period; a key already ending sooner keeps its earlier end.
UPDATE team_keys
SET expires_at = least(coalesce(expires_at, 'infinity'::timestamptz),
                       now() + make_interval(secs => @grace_seconds::float8))
WHERE team_id = @team_id
  AND key_hash <> @current_key_hash
  AND (expires_at IS NULL OR expires_at > now())
RETURNING expires_at;

-- name: FindTeamByKeyHash :one
SELECT t.team_id, t.status
FROM team_keys k
JOIN teams t ON t.team_id = k.team_id
WHERE k.key_hash = @key_hash
  AND (k.expires_at IS NULL OR k.expires_at > now());
