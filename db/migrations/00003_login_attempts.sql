-- +goose Up
-- Password attempts (logins and the current-password check of a password
-- change). An attempt is recorded before the password is checked, so a burst
-- of parallel guesses counts in full: the throttle is decided on committed
-- rows, not on a count read before the others finished.
CREATE TABLE login_attempts (
    attempt_id bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text        NOT NULL,
    ip_address text        NOT NULL,
    outcome    text        NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'failed', 'succeeded', 'throttled')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_key_idx ON login_attempts (email, ip_address, created_at);

-- The throttle used to count login_failed audit entries; it reads the table
-- above now.
DROP INDEX admin_audit_log_failed_login_idx;

-- +goose Down
CREATE INDEX admin_audit_log_failed_login_idx ON admin_audit_log (resource_id, ip_address, created_at)
    WHERE action = 'login_failed';
DROP TABLE login_attempts;
