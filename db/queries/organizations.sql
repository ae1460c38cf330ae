-- name: InsertOrganization :one
-- ON CONFLICT rather than check-then-insert: two concurrent creates of one id
-- cannot both pass a check, and the loser gets no row back.
INSERT INTO organizations (organization_id, name, metadata)
VALUES (@organization_id, @name, @metadata)
ON CONFLICT (organization_id) DO NOTHING
RETURNING *;

-- name: GetOrganization :one
SELECT * FROM organizations WHERE organization_id = @organization_id;

-- name: ListActiveOrganizations :many
SELECT * FROM organizations
WHERE status = 'active'
ORDER BY created_at DESC, organization_id;

-- name: OrganizationUsage :many
-- Per-team figures for the ledger entries in [period_start, period_end), with
-- every team of the organization listed (zeros when it had no entries) and
-- its balance as it is now.
WITH period AS (
    SELECT ct.team_id,
           coalesce(sum(ct.credits_amount) FILTER (WHERE ct.transaction_type = 'allocation'), 0)::bigint AS allocated,
           coalesce(-sum(ct.credits_amount) FILTER (WHERE ct.transaction_type = 'deduction'), 0)::bigint AS used,
           coalesce(sum(ct.credits_amount) FILTER (WHERE ct.transaction_type = 'refund'), 0)::bigint AS refunded,
           coalesce(sum(ct.credits_amount) FILTER (WHERE ct.transaction_type = 'adjustment'), 0)::bigint AS adjusted,
           count(*) AS entries
    FROM credit_transactions ct
    WHERE ct.organization_id = @organization_id
      AND ct.created_at >= @period_start
      AND ct.created_at < @period_end
    GROUP BY ct.team_id
)
SELECT t.team_id,
       coalesce(p.allocated, 0)::bigint AS credits_allocated,
       coalesce(p.used, 0)::bigint      AS credits_used,
       coalesce(p.refunded, 0)::bigint  AS credits_refunded,
       coalesce(p.adjusted, 0)::bigint  AS credits_adjusted,
       coalesce(p.entries, 0)::bigint   AS transactions,
       c.credits_remaining::bigint AS credits_remaining
FROM teams t
JOIN team_credits c ON c.team_id = t.team_id
LEFT JOIN period p ON p.team_id = t.team_id
WHERE t.organization_id = @organization_id
ORDER BY t.team_id;
