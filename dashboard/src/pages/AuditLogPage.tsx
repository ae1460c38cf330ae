import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { AuditTable } from '../components/AuditTable';
import { AsyncSection } from '../components/AsyncSection';
import { Card, Field, PageHeader } from '../components/ui';
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

/** A free-text filter with suggestions from `options`; empty means "any". */
function SuggestField({
  id,
  listId,
  label,
  value,
  onValue,
  error,
  testId,
  options,
}: {
  id: string;
  listId: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error: string | null | undefined;
  testId: string;
  options: string[];
}) {
  return (
    <Field label={label} htmlFor={id} error={error}>
      <input id={id} list={listId} value={value} onChange={(e) => onValue(e.target.value)} data-testid={testId} placeholder="any" autoComplete="off" />
      <datalist id={listId}>
        {options.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </Field>
  );
}

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
          <SuggestField
            id="audit-action"
            listId="audit-actions"
            label="Action"
            value={draft.action}
            onValue={(action) => setDraft({ ...draft, action })}
            error={draftErrors.action}
            testId="audit-filter-action"
            options={KNOWN_ACTIONS}
          />
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
          <SuggestField
            id="audit-resource"
            listId="audit-resource-types"
            label="Resource type"
            value={draft.resourceType}
            onValue={(resourceType) => setDraft({ ...draft, resourceType })}
            error={draftErrors.resourceType}
            testId="audit-filter-resource-type"
            options={KNOWN_RESOURCE_TYPES}
          />
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
        <AsyncSection state={page} empty="No audit entries match these filters." isEmpty={(p) => p.entries.length === 0}>
          {(p) => <AuditTable entries={p.entries} users={users.data} />}
        </AsyncSection>
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
