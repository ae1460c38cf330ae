import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { AuditTable } from '../components/AuditTable';
import { AsyncSection } from '../components/AsyncSection';
import { Card, Empty, PageHeader } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatCredits } from '../lib/format';
import { useQuery } from '../lib/hooks';
import { canManageUsers, canViewAudit } from '../lib/permissions';

function Stat({ label, value, loading, error, href, testId }: { label: string; value: string; loading: boolean; error: string | null; href?: string; testId: string }) {
  const body = (
    <>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={`count-${testId}`}>
        {loading ? '…' : error ? '!' : value}
      </div>
      {error && <div className="field-error">{error}</div>}
    </>
  );
  return (
    <div className="stat" data-testid={`stat-${testId}`}>
      {href ? (
        <a href={href} className="stat-link">
          {body}
        </a>
      ) : (
        body
      )}
    </div>
  );
}

export function OverviewPage() {
  const user = useCurrentUser();
  const showUsers = canManageUsers(user.role);
  const showAudit = canViewAudit(user.role);

  const orgs = useQuery(() => unwrap(api.GET('/api/organizations')), []);
  const teams = useQuery(() => unwrap(api.GET('/api/teams')), []);
  const groups = useQuery(() => unwrap(api.GET('/api/model-groups')), []);
  const users = useQuery(() => (showUsers ? unwrap(api.GET('/api/admin-users')) : Promise.resolve(null)), [showUsers]);
  const audit = useQuery(
    () => (showAudit ? unwrap(api.GET('/api/admin-users/audit-logs', { params: { query: { limit: 10 } } })) : Promise.resolve(null)),
    [showAudit],
  );

  const remaining = teams.data?.reduce((sum, t) => sum + t.credits_remaining, 0);
  const suspended = teams.data?.filter((t) => t.status === 'suspended').length ?? 0;

  return (
    <>
      <PageHeader title="Overview" subtitle={`Welcome back, ${user.display_name}.`} />
      <div className="stats" data-testid="overview-stats">
        <Stat label="Organizations" value={String(orgs.data?.length ?? 0)} loading={orgs.loading} error={orgs.error} href="#/organizations" testId="organizations" />
        <Stat label="Teams" value={String(teams.data?.length ?? 0)} loading={teams.loading} error={teams.error} href="#/teams" testId="teams" />
        {showUsers ? (
          <Stat label="Admin users" value={String(users.data?.length ?? 0)} loading={users.loading} error={users.error} href="#/admin-users" testId="users" />
        ) : (
          <Stat label="Admin users" value="—" loading={false} error={null} testId="users" />
        )}
        <Stat label="Model groups" value={String(groups.data?.length ?? 0)} loading={groups.loading} error={groups.error} href="#/model-groups" testId="model-groups" />
        <Stat label="Credits remaining (all teams)" value={formatCredits(remaining ?? 0)} loading={teams.loading} error={teams.error} testId="credits" />
      </div>
      {suspended > 0 && (
        <p className="alert alert-warning" data-testid="suspended-teams">
          {suspended} team{suspended === 1 ? ' is' : 's are'} suspended.
        </p>
      )}
      {showAudit ? (
        <Card title="Recent activity" testId="recent-activity" actions={<a href="#/audit-log">Full audit log →</a>}>
          <AsyncSection state={audit} empty="No activity yet.">
            {(entries) => <AuditTable entries={entries} users={users.data ?? undefined} compact />}
          </AsyncSection>
        </Card>
      ) : (
        <Card title="Recent activity" testId="recent-activity">
          <Empty>Your role has read-only access; the audit log is available to owners and admins.</Empty>
        </Card>
      )}
    </>
  );
}
