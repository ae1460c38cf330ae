import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { AuditTable } from '../components/AuditTable';
import { Card, Empty, ErrorAlert, Field, Loading, PageHeader } from '../components/ui';
import { ApiError, errorDetail, unwrap } from '../lib/errors';
import { pageRange } from '../lib/format';
import { hasNextPage, totalFromHeaders } from '../lib/paging';
import { useQuery } from '../lib/hooks';
import { canViewAudit } from '../lib/permissions';
import { validateFilterText } from '../lib/validators';
import { Forbidden } from './Forbidden';

const KNOWN_ACTIONS = [
  'setup_owner',
  'login',
  'login_failed',
  'logout',
  'created_user',
  'updated_user',
  'deleted_user',
  'changed_password',
  'created_organization',
  'created_team',
  'assigned_model_groups',
  'created_model_group',
  'updated_model_group_models',
  'deleted_model_group',
  'added_credits',
  'rotated_team_key',
  'revoked_session',
  'revoked_other_sessions',
  'refresh_token_reused',
];

// Suggestions only: the fields accept any value matching the spec's FilterText pattern.
const KNOWN_RESOURCE_TYPES = ['admin_user', 'admin_session', 'organization', 'team', 'model_group'];

const PAGE_SIZES = [25, 50, 100, 200];

interface Filters {
  action: string;
  userId: string;
  resourceType: string;
}

export function AuditLogPage() {
  const me = useCurrentUser();
  const allowed = canViewAudit(me.role);
  const [draft, setDraft] = useState<Filters>({ action: '', userId: '', resourceType: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [draftErrors, setDraftErrors] = useState<Record<string, string | null>>({});
  const [limit, setLimit] = useState(50);
  const [offset, setOffset] = useState(0);

  const users = useQuery(() => (allowed ? unwrap(api.GET('/api/admin-users')) : Promise.resolve([])), [allowed]);
  const page = useQuery(async () => {
    if (!allowed) return { entries: [], total: 0 };
    const { data, error, response } = await api.GET('/api/admin-users/audit-logs', {
      params: {
        query: {
          limit,
          offset,
          ...(filters.action ? { action: filters.action } : {}),
          ...(filters.userId ? { user_id: filters.userId } : {}),
          ...(filters.resourceType ? { resource_type: filters.resourceType } : {}),
        },
      },
    });
    if (!data) throw new ApiError(response.status, errorDetail(error, response.status, response.statusText));
    return { entries: data, total: totalFromHeaders(response.headers) };
  }, [allowed, limit, offset, filters.action, filters.userId, filters.resourceType]);

  if (!allowed) return <Forbidden title="Audit log" />;

  function apply(e: FormEvent) {
    e.preventDefault();
    const errs = {
      action: validateFilterText(draft.action, 'Action'),
      resourceType: validateFilterText(draft.resourceType, 'Resource type'),
    };
    setDraftErrors(errs);
    if (errs.action || errs.resourceType) return;
    setOffset(0);
    setFilters({ ...draft });
  }

  function clear() {
    const empty = { action: '', userId: '', resourceType: '' };
    setDraft(empty);
    setDraftErrors({});
    setOffset(0);
    setFilters(empty);
  }

  const entries = page.data?.entries ?? [];
  const total = page.data?.total ?? null;
  const hasNext = hasNextPage(offset, entries.length, limit, total);

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every state change and authentication event, newest first." />
      <Card title="Filters">
        <form className="filters" onSubmit={apply} noValidate data-testid="audit-filters">
          <Field label="Action" htmlFor="audit-action" error={draftErrors.action}>
            <input
              id="audit-action"
              list="audit-actions"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
              data-testid="audit-filter-action"
              placeholder="any"
              autoComplete="off"
            />
            <datalist id="audit-actions">
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </Field>
          <Field label="User" htmlFor="audit-user" error={users.error ? `Users could not be loaded: ${users.error}` : null}>
            <select id="audit-user" value={draft.userId} onChange={(e) => setDraft({ ...draft, userId: e.target.value })} data-testid="audit-filter-user">
              <option value="">any</option>
              {(users.data ?? []).map((u) => (
                <option key={u.user_id} value={u.user_id}>
                  {u.email}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Resource type" htmlFor="audit-resource" error={draftErrors.resourceType}>
            <input
              id="audit-resource"
              list="audit-resource-types"
              value={draft.resourceType}
              onChange={(e) => setDraft({ ...draft, resourceType: e.target.value })}
              data-testid="audit-filter-resource-type"
              placeholder="any"
              autoComplete="off"
            />
            <datalist id="audit-resource-types">
              {KNOWN_RESOURCE_TYPES.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="audit-apply">
              Apply
            </button>
            <button type="button" className="btn" onClick={clear} data-testid="audit-clear">
              Clear
            </button>
          </div>
        </form>
      </Card>
      <Card
        title="Entries"
        actions={
          <span className="inline-form">
            <label htmlFor="audit-limit" className="small muted">
              Per page
            </label>
            <select
              id="audit-limit"
              value={limit}
              onChange={(e) => {
                setLimit(Number(e.target.value));
                setOffset(0);
              }}
              data-testid="audit-limit"
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </span>
        }
      >
        {page.loading && !page.data ? (
          <Loading />
        ) : page.error ? (
          <ErrorAlert error={page.error} onRetry={page.reload} />
        ) : entries.length === 0 ? (
          <Empty>No audit entries match these filters.</Empty>
        ) : (
          <AuditTable entries={entries} users={users.data} />
        )}
        <div className="pager" data-testid="audit-pager">
          <span className="muted small" data-testid="audit-range">
            {page.data ? pageRange(offset, entries.length, total) : ''}
          </span>
          <span className="pager-buttons">
            <button type="button" className="btn btn-small" disabled={offset === 0 || page.loading} onClick={() => setOffset(Math.max(0, offset - limit))} data-testid="audit-prev">
              ← Newer
            </button>
            <button type="button" className="btn btn-small" disabled={!hasNext || page.loading} onClick={() => setOffset(offset + limit)} data-testid="audit-next">
              Older →
            </button>
          </span>
        </div>
      </Card>
    </>
  );
}
