import { useState } from 'react';
import { api } from '../api/client';
import { AsyncSection } from '../components/AsyncSection';
import { Badge, Card, ConfirmButton, DataTable, DismissibleNotice, ErrorAlert, PageHeader } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatDateTime, formatRelative, summarizeUserAgent } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';

export function SessionsPage() {
  const sessions = useQuery(() => unwrap(api.GET('/api/admin-users/me/sessions')), []);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  async function revoke(id: string) {
    const r = await action.run(() => unwrap(api.DELETE('/api/admin-users/me/sessions/{session_id}', { params: { path: { session_id: id } } })));
    if (r) {
      setNotice('Session revoked.');
      sessions.reload();
    }
  }

  async function revokeOthers() {
    const r = await action.run(() => unwrap(api.POST('/api/admin-users/me/sessions/revoke-others')));
    if (r) {
      setNotice(r.revoked === 1 ? 'Signed out 1 other session.' : `Signed out ${r.revoked} other sessions.`);
      sessions.reload();
    }
  }

  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <>
      <PageHeader
        title="My sessions"
        subtitle="Devices and browsers signed in to your account."
        actions={
          <ConfirmButton
            label="Sign out everywhere else"
            question={`Sign out ${others} other session${others === 1 ? '' : 's'}?`}
            confirmLabel="Sign out others"
            onConfirm={revokeOthers}
            busy={action.busy || others === 0}
            testId="revoke-others"
            small={false}
          />
        }
      />
      <DismissibleNotice message={notice} testId="sessions-notice" onDismiss={() => setNotice(null)} />
      <ErrorAlert error={action.error} testId="sessions-action-error" />
      <Card title="Live sessions">
        <AsyncSection state={sessions} empty="No live sessions.">
          {(list) => (
            <DataTable testId="sessions-table" columns={['Client', 'IP address', 'Signed in', 'Last refreshed', 'Expires', 'Actions']}>
              {list.map((s) => (
                <tr key={s.session_id} data-testid="session-row" data-session-id={s.session_id} data-current={s.current ? 'true' : 'false'} className={s.current ? 'row-current' : undefined}>
                  <td>
                    <span title={s.user_agent ?? ''}>{summarizeUserAgent(s.user_agent)}</span>{' '}
                    {s.current && (
                      <Badge tone="green" testId="current-session">
                        this browser
                      </Badge>
                    )}
                  </td>
                  <td className="mono-small nowrap">{s.ip_address ?? '—'}</td>
                  <td className="nowrap" title={s.created_at}>
                    {formatDateTime(s.created_at)}
                  </td>
                  <td className="nowrap" title={s.last_refreshed_at ?? ''}>
                    {s.last_refreshed_at ? formatRelative(s.last_refreshed_at) : '—'}
                  </td>
                  <td className="nowrap" title={s.expires_at}>
                    {formatRelative(s.expires_at)}
                  </td>
                  <td className="actions-cell">
                    {s.current ? (
                      <span className="muted small">use Log out</span>
                    ) : (
                      <ConfirmButton label="Revoke" question="Revoke this session?" confirmLabel="Revoke" onConfirm={() => revoke(s.session_id)} busy={action.busy} testId="revoke-session" />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </AsyncSection>
      </Card>
    </>
  );
}
