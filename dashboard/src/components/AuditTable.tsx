import type { AdminUser, AuditLogEntry } from '../api/types';
import { compactJson, formatDateTime, formatRelative, humanizeAction } from '../lib/format';
import { Badge, DataTable } from './ui';

function actorLabel(e: AuditLogEntry, byId: Map<string, AdminUser>): string {
  if (e.actor === 'master_key') return 'master key';
  if (e.actor === 'anonymous' || !e.user_id) return 'anonymous';
  return byId.get(e.user_id)?.email ?? e.user_id;
}

export function AuditTable({ entries, users, compact = false }: { entries: AuditLogEntry[]; users?: AdminUser[] | undefined; compact?: boolean }) {
  const byId = new Map((users ?? []).map((u) => [u.user_id, u]));
  return (
    <DataTable testId="audit-table" columns={['When', 'Action', 'Actor', 'Resource', !compact && 'IP', !compact && 'Details']}>
      {entries.map((e) => (
        <tr key={e.audit_id} data-testid="audit-row" data-action={e.action}>
          <td title={e.created_at} className="nowrap">
            {compact ? formatRelative(e.created_at) : formatDateTime(e.created_at)}
          </td>
          <td>
            <Badge tone={e.action.includes('fail') || e.action.startsWith('delete') ? 'red' : 'neutral'}>
              <span data-testid="audit-action">{e.action}</span>
            </Badge>
            <span className="sr-only"> ({humanizeAction(e.action)})</span>
          </td>
          <td className="mono-small">{actorLabel(e, byId)}</td>
          <td className="mono-small">
            {e.resource_type ?? '—'}
            {e.resource_id ? `: ${e.resource_id}` : ''}
          </td>
          {!compact && <td className="mono-small nowrap">{e.ip_address ?? '—'}</td>}
          {!compact && (
            <td className="mono-small details-cell" title={compactJson(e.details, 5000)}>
              {compactJson(e.details) || '—'}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
