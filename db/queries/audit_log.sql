-- name: InsertAuditEntry :exec
INSERT INTO admin_audit_log (user_id, actor, action, resource_type, resource_id, details, ip_address, user_agent, request_id)
VALUES (@user_id, @actor, @action, @resource_type, @resource_id, @details, @ip_address, @user_agent, @request_id);

-- name: ListAuditEntries :many
SELECT * FROM admin_audit_log
WHERE (sqlc.narg(action)::text IS NULL OR action = sqlc.narg(action))
  AND (sqlc.narg(user_id)::uuid IS NULL OR user_id = sqlc.narg(user_id))
  AND (sqlc.narg(resource_type)::text IS NULL OR resource_type = sqlc.narg(resource_type))
  AND (sqlc.narg(resource_id)::text IS NULL OR resource_id = sqlc.narg(resource_id))
ORDER BY seq DESC
LIMIT @max_rows OFFSET @skip_rows;

-- name: CountAuditEntries :one
SELECT count(*) FROM admin_audit_log
WHERE (sqlc.narg(action)::text IS NULL OR action = sqlc.narg(action))
  AND (sqlc.narg(user_id)::uuid IS NULL OR user_id = sqlc.narg(user_id))
  AND (sqlc.narg(resource_type)::text IS NULL OR resource_type = sqlc.narg(resource_type))
  AND (sqlc.narg(resource_id)::text IS NULL OR resource_id = sqlc.narg(resource_id));
