-- +goose Up
-- Admin users, their login sessions and the audit trail.

CREATE TABLE admin_users (
    user_id       uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored trimmed and lower-cased so lookups are case-insensitive.
    email         text        NOT NULL CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'user')),
    is_active     boolean     NOT NULL DEFAULT true,
    metadata      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_by    uuid        REFERENCES admin_users (user_id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_login    timestamptz
);
CREATE UNIQUE INDEX admin_users_email_key ON admin_users (email);

-- One row per login. The access token is bound to the row by the SHA-256 of
-- the token itself; the refresh token (dashboard cookie) by its own hash.
CREATE TABLE admin_sessions (
    session_id        uuid        PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES admin_users (user_id) ON DELETE CASCADE,
    token_hash        bytea       NOT NULL CHECK (length(token_hash) = 32),
    refresh_hash      bytea       CHECK (length(refresh_hash) = 32),
    ip_address        text,
    user_agent        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    last_refreshed_at timestamptz,
    revoked_at        timestamptz,
    revoked_reason    text
);
CREATE INDEX admin_sessions_user_idx ON admin_sessions (user_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX admin_sessions_refresh_idx ON admin_sessions (refresh_hash) WHERE refresh_hash IS NOT NULL;

-- Refresh tokens that were already exchanged. Seeing one again means the token
-- leaked, so the whole session is revoked.
CREATE TABLE admin_used_refresh_tokens (
    refresh_hash bytea       PRIMARY KEY CHECK (length(refresh_hash) = 32),
    session_id   uuid        NOT NULL REFERENCES admin_sessions (session_id) ON DELETE CASCADE,
    used_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_audit_log (
    audit_id      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Insertion order; created_at alone ties inside one transaction.
    seq           bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id       uuid        REFERENCES admin_users (user_id),
    actor         text        NOT NULL CHECK (actor IN ('user', 'master_key', 'anonymous')),
    action        text        NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    resource_type text,
    resource_id   text,
    details       jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    ip_address    text,
    user_agent    text,
    request_id    text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_seq_idx ON admin_audit_log (seq DESC);
CREATE INDEX admin_audit_log_action_idx ON admin_audit_log (action, seq DESC);
CREATE INDEX admin_audit_log_user_idx ON admin_audit_log (user_id, seq DESC);
CREATE INDEX admin_audit_log_resource_idx ON admin_audit_log (resource_type, resource_id, seq DESC);
-- Serves the login rate limit: recent failures for one email from one address.
CREATE INDEX admin_audit_log_failed_login_idx ON admin_audit_log (resource_id, ip_address, created_at)
    WHERE action = 'login_failed';

-- +goose Down
DROP TABLE admin_audit_log;
DROP TABLE admin_used_refresh_tokens;
DROP TABLE admin_sessions;
DROP TABLE admin_users;
