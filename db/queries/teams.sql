-- name: InsertTeam :one
-- ON CONFLICT: a duplicate id yields no row instead of an aborted transaction.
INSERT INTO teams (team_id, organization_id, team_alias, metadata)
VALUES (@team_id, @organization_id, @team_alias, @metadata)
ON CONFLICT (team_id) DO NOTHING
RETURNING *;

-- name: InsertTeamCredits :exec
-- The balance row starts at zero; an initial allocation goes through the
-- ledger like any other.
INSERT INTO team_credits (team_id) VALUES (@team_id);

-- name: LockTeam :one
-- Serialises changes of one team (model groups, status, keys). NO KEY UPDATE
-- does not block the foreign-key checks of concurrent ledger inserts.
SELECT * FROM teams WHERE team_id = @team_id FOR NO KEY UPDATE;

-- name: TouchTeam :exec
UPDATE teams SET updated_at = now() WHERE team_id = @team_id;

-- name: SetTeamStatus :exec
UPDATE teams SET status = @status, updated_at = now() WHERE team_id = @team_id;

-- name: ListTeamRows :many
-- Teams with their balance and the display prefix of their current key: the
-- one without an expiry (rotation gives every older key one), newest first.
-- credits_remaining is a generated column, which sqlc takes for nullable; the
-- cast makes it a plain int64.
SELECT t.team_id, t.organization_id, t.team_alias, t.status, t.metadata, t.created_at, t.updated_at,
       c.credits_allocated, c.credits_used, c.credits_remaining::bigint AS credits_remaining, c.updated_at AS credits_updated_at,
       coalesce((SELECT k.key_prefix FROM team_keys k
                 WHERE k.team_id = t.team_id
                 ORDER BY k.expires_at IS NULL DESC, k.created_at DESC
                 LIMIT 1), '')::text AS key_prefix
FROM teams t
JOIN team_credits c ON c.team_id = t.team_id
WHERE (sqlc.narg(team_id)::text IS NULL OR t.team_id = sqlc.narg(team_id))
  AND (sqlc.narg(organization_id)::text IS NULL OR t.organization_id = sqlc.narg(organization_id))
ORDER BY t.created_at DESC, t.team_id;

-- name: ListTeamGroupNames :many
SELECT tmg.team_id, g.group_name
FROM team_model_groups tmg
JOIN model_groups g ON g.model_group_id = tmg.model_group_id
WHERE tmg.team_id = ANY(@team_ids::text[])
ORDER BY tmg.team_id, g.group_name;

-- name: ListTeamAllowedModels :many
-- The union of the models of a team's groups, each once, at its best priority.
SELECT tmg.team_id, m.model_name, min(m.priority)::int AS priority
FROM team_model_groups tmg
JOIN model_group_models m ON m.model_group_id = tmg.model_group_id
WHERE tmg.team_id = ANY(@team_ids::text[])
GROUP BY tmg.team_id, m.model_name
ORDER BY tmg.team_id, priority, m.model_name;

-- name: LockModelGroupsByName :many
-- FOR SHARE conflicts with the FOR UPDATE of a group delete, so a group cannot
-- be deleted between this check and the assignment. Sorted, so concurrent
-- assignments take their locks in one order.
SELECT model_group_id, group_name FROM model_groups
WHERE group_name = ANY(@group_names::text[])
ORDER BY group_name
FOR SHARE;

-- name: RemoveTeamModelGroupsExcept :exec
DELETE FROM team_model_groups
WHERE team_id = @team_id AND NOT (model_group_id = ANY(@keep_ids::uuid[]));

-- name: AddTeamModelGroups :exec
-- Groups the team already has keep their assigned_at.
INSERT INTO team_model_groups (team_id, model_group_id)
SELECT @team_id::text, unnest(@model_group_ids::uuid[])
ON CONFLICT DO NOTHING;
