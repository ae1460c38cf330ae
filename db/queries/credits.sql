-- name: AllocateCredits :one
-- The one way credits are added: a single statement that raises the balance
-- atomically (the row lock orders concurrent adds) and appends the ledger
-- entry whose before/after come from that same locked row.
WITH balance AS (
    UPDATE team_credits
    SET credits_allocated = credits_allocated + @amount::bigint, updated_at = now()
    WHERE team_credits.team_id = @team_id
    RETURNING team_credits.team_id, team_credits.credits_remaining
)
INSERT INTO credit_transactions (team_id, organization_id, transaction_type, credits_amount,
                                 credits_before, credits_after, reason, actor)
SELECT b.team_id, t.organization_id, 'allocation', @amount::bigint,
       b.credits_remaining - @amount::bigint, b.credits_remaining, sqlc.narg(reason)::text, @actor::text
FROM balance b
JOIN teams t ON t.team_id = b.team_id
RETURNING *;

-- name: GetCreditBalance :one
SELECT c.team_id, t.organization_id, t.status, c.credits_allocated, c.credits_used,
       c.credits_remaining::bigint AS credits_remaining, c.updated_at
FROM team_credits c
JOIN teams t ON t.team_id = c.team_id
WHERE c.team_id = @team_id;

-- name: ListCreditTransactions :many
-- total counts every entry of the team (the window runs before LIMIT), from
-- the same snapshot as the page.
SELECT sqlc.embed(ct), count(*) OVER () AS total
FROM credit_transactions ct
WHERE ct.team_id = @team_id
ORDER BY ct.seq DESC
LIMIT @max_rows;

-- name: ClaimIdempotencyKey :one
-- Waits for a concurrent transaction holding the same key; yields no row when
-- the key is (or by then was) already taken.
INSERT INTO credit_idempotency_keys (team_id, idempotency_key, request_hash)
VALUES (@team_id, @idempotency_key, @request_hash)
ON CONFLICT (team_id, idempotency_key) DO NOTHING
RETURNING team_id;

-- name: GetIdempotencyKey :one
SELECT * FROM credit_idempotency_keys WHERE team_id = @team_id AND idempotency_key = @idempotency_key;

-- name: StoreIdempotentResponse :exec
UPDATE credit_idempotency_keys SET response = @response
WHERE team_id = @team_id AND idempotency_key = @idempotency_key;

-- name: DeleteExpiredIdempotencyKeys :exec
DELETE FROM credit_idempotency_keys WHERE created_at < now() - interval '24 hours';
