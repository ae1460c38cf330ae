-- name: CountAdminUsers :one
SELECT count(*) FROM admin_users;

-- name: InsertAdminUser :one
INSERT INTO admin_users (email, display_name, password_hash, role, metadata, created_by)
VALUES (@email, @display_name, @password_hash, @role, @metadata, @created_by)
ON CONFLICT (email) DO NOTHING
RETURNING *;

-- name: GetAdminUserByEmail :one
SELECT * FROM admin_users WHERE email = @email;

-- name: GetAdminUser :one
SELECT * FROM admin_users WHERE user_id = @user_id;

-- name: GetAdminUserForUpdate :one
SELECT * FROM admin_users WHERE user_id = @user_id FOR UPDATE;

-- name: ListAdminUsers :many
SELECT * FROM admin_users ORDER BY created_at DESC, user_id;

-- name: UpdateAdminUser :one
UPDATE admin_users
SET display_name = coalesce(sqlc.narg(display_name), display_name),
    role         = coalesce(sqlc.narg(role), role),
    is_active    = coalesce(sqlc.narg(is_active), is_active),
    metadata     = coalesce(sqlc.narg(metadata), metadata),
    updated_at   = now()
WHERE user_id = @user_id
RETURNING *;

-- name: SetAdminUserPassword :exec
UPDATE admin_users SET password_hash = @password_hash, updated_at = now() WHERE user_id = @user_id;

-- name: TouchAdminUserLogin :one
UPDATE admin_users SET last_login = now() WHERE user_id = @user_id RETURNING *;

-- name: LockActiveOwners :many
-- Locks every active owner row so that two concurrent demotions cannot both
-- pass the last-owner check.
SELECT user_id FROM admin_users WHERE role = 'owner' AND is_active ORDER BY user_id FOR UPDATE;

-- name: CountAdminUsersByRole :many
SELECT role, count(*) AS users FROM admin_users WHERE is_active GROUP BY role;

-- name: LockSetup :exec
-- Serialises first-time setup: concurrent calls queue here, and only the
-- first finds the table empty.
SELECT pg_advisory_xact_lock(727001);
