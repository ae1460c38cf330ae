import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { canWrite } from '../lib/permissions';
import { AsyncSection } from '../components/AsyncSection';
import { Card, DataTable, Empty, ErrorAlert, Loading, PageHeader, StatTile, StatusBadge } from '../components/ui';
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
      <AsyncSection state={usage}>
        {(u) => (
          <>
            <div className="stats stats-compact">
              <StatTile label="Allocated" value={formatCredits(u.summary.credits_allocated)} testId="usage-allocated" />
              <StatTile label="Used" value={formatCredits(u.summary.credits_used)} />
              <StatTile label="Refunded" value={formatCredits(u.summary.credits_refunded)} />
              <StatTile label="Adjusted" value={formatCredits(u.summary.credits_adjusted)} />
              <StatTile label="Remaining now" value={formatCredits(u.summary.credits_remaining)} />
              <StatTile label="Transactions" value={formatCredits(u.summary.transactions)} />
            </div>
            {teams.length === 0 ? (
              <Empty>No team activity in this period.</Empty>
            ) : (
              <DataTable testId="usage-table" columns={['Team', { num: 'Allocated' }, { num: 'Used' }, { num: 'Refunded' }, { num: 'Adjusted' }, { num: 'Transactions' }, { num: 'Remaining now' }]}>
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
              </DataTable>
            )}
          </>
        )}
      </AsyncSection>
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
            <AsyncSection state={teams} empty="This organization has no teams yet." isEmpty={(d) => d.teams.length === 0}>
              {(d) => (
                <DataTable columns={['Team', 'Alias', 'Status', 'Model groups', { num: 'Allocated' }, { num: 'Used' }, { num: 'Remaining' }]}>
                  {d.teams.map((t) => (
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
                </DataTable>
              )}
            </AsyncSection>
          </Card>
          <UsageCard organizationId={organizationId} />
        </>
      ) : null}
    </>
  );
}
