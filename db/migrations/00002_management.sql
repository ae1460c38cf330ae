-- +goose Up
-- Organizations, teams and their keys, model groups, and the credit ledger.

CREATE TABLE organizations (
    organization_id text        PRIMARY KEY CHECK (organization_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$'),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    metadata        jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model_groups (
    model_group_id uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    group_name     text        NOT NULL UNIQUE CHECK (group_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    description    text        CHECK (length(description) <= 2000),
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model_group_models (
    model_group_id uuid    NOT NULL REFERENCES model_groups (model_group_id) ON DELETE CASCADE,
    model_name     text    NOT NULL CHECK (length(model_name) BETWEEN 1 AND 256),
    priority       integer NOT NULL CHECK (priority BETWEEN 0 AND 1000),
    PRIMARY KEY (model_group_id, model_name)
);

CREATE TABLE teams (
    team_id         text        PRIMARY KEY CHECK (team_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$'),
    organization_id text        NOT NULL REFERENCES organizations (organization_id),
    team_alias      text        CHECK (length(team_alias) BETWEEN 1 AND 200),
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    metadata        jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX teams_organization_idx ON teams (organization_id);

-- Team virtual keys: only the SHA-256 and a display prefix are kept. A rotated
-- key keeps working until expires_at (the grace period), then never again.
CREATE TABLE team_keys (
    key_hash   bytea       PRIMARY KEY CHECK (length(key_hash) = 32),
    team_id    text        NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    key_prefix text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz
);
CREATE INDEX team_keys_team_idx ON team_keys (team_id);

CREATE TABLE team_model_groups (
    team_id        text        NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    -- RESTRICT: a group cannot disappear under a team that uses it.
    model_group_id uuid        NOT NULL REFERENCES model_groups (model_group_id) ON DELETE RESTRICT,
    assigned_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, model_group_id)
);
CREATE INDEX team_model_groups_group_idx ON team_model_groups (model_group_id);

-- The balance row. It changes only in the transaction that appends its ledger
-- entry, by a single atomic UPDATE.
CREATE TABLE team_credits (
    team_id           text        PRIMARY KEY REFERENCES teams (team_id) ON DELETE CASCADE,
    credits_allocated bigint      NOT NULL DEFAULT 0 CHECK (credits_allocated >= 0),
    credits_used      bigint      NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
    credits_remaining bigint      GENERATED ALWAYS AS (credits_allocated - credits_used) STORED
                                  CHECK (credits_remaining >= 0),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Append-only ledger: credits_amount is the signed change of the balance.
CREATE TABLE credit_transactions (
    transaction_id   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    seq              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    team_id          text        NOT NULL REFERENCES teams (team_id),
    organization_id  text        NOT NULL REFERENCES organizations (organization_id),
    transaction_type text        NOT NULL CHECK (transaction_type IN ('allocation', 'deduction', 'refund', 'adjustment')),
    credits_amount   bigint      NOT NULL,
    credits_before   bigint      NOT NULL CHECK (credits_before >= 0),
    credits_after    bigint      NOT NULL CHECK (credits_after >= 0),
    reason           text        CHECK (length(reason) <= 500),
    actor            text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (credits_after = credits_before + credits_amount),
    CHECK (transaction_type <> 'allocation' OR credits_amount > 0),
    CHECK (transaction_type <> 'deduction' OR credits_amount < 0),
    CHECK (transaction_type <> 'refund' OR credits_amount > 0)
);
CREATE INDEX credit_transactions_team_idx ON credit_transactions (team_id, seq DESC);
CREATE INDEX credit_transactions_org_time_idx ON credit_transactions (organization_id, created_at);

-- +goose StatementBegin
CREATE FUNCTION credit_transactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit_transactions is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER credit_transactions_no_update BEFORE UPDATE OR DELETE ON credit_transactions
    FOR EACH ROW EXECUTE FUNCTION credit_transactions_append_only();

-- Idempotency-Key records for credit adds: the first answer is kept and replayed.
CREATE TABLE credit_idempotency_keys (
    team_id         text        NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash    bytea       NOT NULL,
    response        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, idempotency_key)
);
CREATE INDEX credit_idempotency_keys_created_idx ON credit_idempotency_keys (created_at);

-- +goose Down
DROP TABLE credit_idempotency_keys;
DROP TRIGGER credit_transactions_no_update ON credit_transactions;
DROP FUNCTION credit_transactions_append_only();
DROP TABLE credit_transactions;
DROP TABLE team_credits;
DROP TABLE team_model_groups;
DROP TABLE team_keys;
DROP TABLE teams;
DROP TABLE model_group_models;
DROP TABLE model_groups;
DROP TABLE organizations;
