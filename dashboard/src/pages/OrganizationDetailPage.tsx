import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { canWrite } from '../lib/permissions';
import { Card, Empty, ErrorAlert, Loading, PageHeader, StatusBadge, TableWrap } from '../components/ui';
import { unwrap } from '../lib/errors';
import { currentPeriod, formatCredits, formatDateTime } from '../lib/format';
import { useQuery } from '../lib/hooks';
import { href } from '../lib/router';
import { validatePeriod } from '../lib/validators';

function UsageCard({ organizationId }: { organizationId: string }) {
  const [period, setPeriod] = useState(currentPeriod());
  const [draft, setDraft] = useState(period);
  const [draftError, setDraftError] = useState<string | null>(null);
  const usage = useQuery(
    () => unwrap(api.GET('/api/organizations/{organization_id}/usage', { params: { path: { organization_id: organizationId }, query: { period } } })),
    [organizationId, period],
  );

  function apply(e: FormEvent) {
    e.preventDefault();
    const err = validatePeriod(draft);
    setDraftError(err);
    if (!err) setPeriod(draft);
  }

  const teams = usage.data ? Object.entries(usage.data.teams).sort(([a], [b]) => a.localeCompare(b)) : [];

  return (
    <Card
      title={`Usage · ${period}`}
      testId="organization-usage"
      actions={
        <form className="inline-form" onSubmit={apply} noValidate>
          <label htmlFor="usage-period" className="sr-only">
            Period
          </label>
          <input id="usage-period" type="month" value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="usage-period" />
          <button type="submit" className="btn btn-small">
            Show
          </button>
        </form>
      }
    >
      {draftError && <div className="field-error">{draftError}</div>}
      {usage.loading && !usage.data ? (
        <Loading />
      ) : usage.error ? (
        <ErrorAlert error={usage.error} onRetry={usage.reload} />
      ) : usage.data ? (
        <>
          <div className="stats stats-compact">
            <div className="stat">
              <div className="stat-label">Allocated</div>
              <div className="stat-value" data-testid="usage-allocated">{formatCredits(usage.data.summary.credits_allocated)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">Used</div>
              <div className="stat-value">{formatCredits(usage.data.summary.credits_used)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">Refunded</div>
              <div className="stat-value">{formatCredits(usage.data.summary.credits_refunded)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">Adjusted</div>
              <div className="stat-value">{formatCredits(usage.data.summary.credits_adjusted)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">Remaining now</div>
              <div className="stat-value">{formatCredits(usage.data.summary.credits_remaining)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">Transactions</div>
              <div className="stat-value">{formatCredits(usage.data.summary.transactions)}</div>
            </div>
          </div>
          {teams.length === 0 ? (
            <Empty>No team activity in this period.</Empty>
          ) : (
            <TableWrap testId="usage-table">
              <table className="table">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="num">Allocated</th>
                    <th className="num">Used</th>
                    <th className="num">Refunded</th>
                    <th className="num">Adjusted</th>
                    <th className="num">Transactions</th>
                    <th className="num">Remaining now</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map(([teamId, t]) => (
                    <tr key={teamId}>
                      <td className="mono">
                        <a href={href('/teams/:id', teamId)}>{teamId}</a>
                      </td>
                      <td className="num">{formatCredits(t.credits_allocated)}</td>
                      <td className="num">{formatCredits(t.credits_used)}</td>
                      <td className="num">{formatCredits(t.credits_refunded)}</td>
                      <td className="num">{formatCredits(t.credits_adjusted)}</td>
                      <td className="num">{formatCredits(t.transactions)}</td>
                      <td className="num">{formatCredits(t.credits_remaining)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      ) : null}
    </Card>
  );
}

export function OrganizationDetailPage({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const org = useQuery(
    () => unwrap(api.GET('/api/organizations/{organization_id}', { params: { path: { organization_id: organizationId } } })),
    [organizationId],
  );
  const teams = useQuery(
    () => unwrap(api.GET('/api/organizations/{organization_id}/teams', { params: { path: { organization_id: organizationId } } })),
    [organizationId],
  );

  return (
    <>
      <div className="breadcrumbs">
        <a href="#/organizations">Organizations</a> / <span className="mono">{organizationId}</span>
      </div>
      {org.loading && !org.data ? (
        <Loading />
      ) : org.error ? (
        <>
          <PageHeader title={organizationId} />
          <ErrorAlert error={org.error} onRetry={org.reload} />
        </>
      ) : org.data ? (
        <>
          <PageHeader
            title={org.data.name}
            subtitle={
              <>
                <span className="mono">{org.data.organization_id}</span> · <StatusBadge status={org.data.status} /> · created {formatDateTime(org.data.created_at)}
              </>
            }
            actions={
              canWrite(user.role) && (
                <a className="btn" href={`#/teams?organization=${encodeURIComponent(organizationId)}`} data-testid="org-new-team">
                  New team
                </a>
              )
            }
          />
          <Card title={`Teams${teams.data ? ` (${teams.data.team_count})` : ''}`} testId="organization-teams">
            {teams.loading && !teams.data ? (
              <Loading />
            ) : teams.error ? (
              <ErrorAlert error={teams.error} onRetry={teams.reload} />
            ) : !teams.data || teams.data.teams.length === 0 ? (
              <Empty>This organization has no teams yet.</Empty>
            ) : (
              <TableWrap>
                <table className="table">
                  <thead>
                    <tr>
                      <th>Team</th>
                      <th>Alias</th>
                      <th>Status</th>
                      <th>Model groups</th>
                      <th className="num">Allocated</th>
                      <th className="num">Used</th>
                      <th className="num">Remaining</th>
                    </tr>
                  </thead>
                  <tbody>
                    {teams.data.teams.map((t) => (
                      <tr key={t.team_id} data-testid="organization-team-row">
                        <td className="mono">
                          <a href={href('/teams/:id', t.team_id)}>{t.team_id}</a>
                        </td>
                        <td>{t.team_alias ?? '—'}</td>
                        <td>
                          <StatusBadge status={t.status} />
                        </td>
                        <td>{t.model_groups.length ? t.model_groups.join(', ') : '—'}</td>
                        <td className="num">{formatCredits(t.credits_allocated)}</td>
                        <td className="num">{formatCredits(t.credits_used)}</td>
                        <td className="num">{formatCredits(t.credits_remaining)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </Card>
          <UsageCard organizationId={organizationId} />
        </>
      ) : null}
    </>
  );
}
