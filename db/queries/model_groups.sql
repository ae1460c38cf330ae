-- name: InsertModelGroup :one
INSERT INTO model_groups (group_name, display_name, description)
VALUES (@group_name, @display_name, @description)
ON CONFLICT (group_name) DO NOTHING
RETURNING *;

-- name: InsertModelGroupModels :exec
-- Set-returning functions side by side in a SELECT list advance together, so
-- names and priorities pair up by position.
INSERT INTO model_group_models (model_group_id, model_name, priority)
SELECT @model_group_id::uuid, unnest(@model_names::text[]), unnest(@priorities::int[]);

-- name: DeleteModelGroupModels :exec
DELETE FROM model_group_models WHERE model_group_id = @model_group_id;

-- name: GetModelGroupByName :one
SELECT * FROM model_groups WHERE group_name = @group_name;

-- name: TouchModelGroup :one
-- Locks the group for a change of its models.
UPDATE model_groups SET updated_at = now() WHERE group_name = @group_name RETURNING *;

-- name: LockModelGroupForDelete :one
-- FOR UPDATE waits for, and then excludes, concurrent assignments (they hold
-- FOR SHARE), so the team count below cannot go stale before the delete.
SELECT * FROM model_groups WHERE group_name = @group_name FOR UPDATE;

-- name: CountModelGroupTeams :one
SELECT count(*) FROM team_model_groups WHERE model_group_id = @model_group_id;

-- name: DeleteModelGroup :exec
DELETE FROM model_groups WHERE model_group_id = @model_group_id;

-- name: ListModelGroups :many
SELECT * FROM model_groups ORDER BY group_name;

-- name: ListModelGroupModels :many
SELECT model_group_id, model_name, priority FROM model_group_models
WHERE model_group_id = ANY(@model_group_ids::uuid[])
ORDER BY model_group_id, priority, model_name;
