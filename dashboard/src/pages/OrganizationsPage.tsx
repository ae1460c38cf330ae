import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { Card, Empty, ErrorAlert, Field, Loading, Notice, PageHeader, StatusBadge, TableWrap } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { canWrite } from '../lib/permissions';
import { href } from '../lib/router';
import { validateDisplayName, validateResourceId } from '../lib/validators';

function CreateOrganizationForm({ onCreated }: { onCreated: (id: string) => void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = { id: validateResourceId(id, 'Organization ID'), name: validateDisplayName(name, 'Name') };
    setErrors(next);
    if (next.id || next.name) return;
    const org = await action.run(() =>
      unwrap(api.POST('/api/organizations/create', { body: { organization_id: id, name, metadata: {} } })),
    );
    if (org) {
      setId('');
      setName('');
      onCreated(org.organization_id);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-organization-form" className="form-grid">
      <ErrorAlert error={action.error} testId="create-organization-error" />
      <Field label="Organization ID" htmlFor="org-id" error={errors.id} hint="Letters, digits, '.', '_' and '-'; e.g. acme-prod">
        <input id="org-id" value={id} onChange={(e) => setId(e.target.value)} data-testid="org-id" maxLength={255} autoComplete="off" />
      </Field>
      <Field label="Name" htmlFor="org-name" error={errors.name}>
        <input id="org-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="org-name" maxLength={200} autoComplete="off" />
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="create-organization-submit">
          {action.busy ? 'Creating…' : 'Create organization'}
        </button>
      </div>
    </form>
  );
}

export function OrganizationsPage() {
  const user = useCurrentUser();
  const orgs = useQuery(() => unwrap(api.GET('/api/organizations')), []);
  const [created, setCreated] = useState<string | null>(null);
  const [showForm, setShowForm] = useState(false);

  return (
    <>
      <PageHeader
        title="Organizations"
        subtitle="Tenants of the platform. Each organization owns teams."
        actions={
          canWrite(user.role) && (
            <button type="button" className="btn btn-primary" onClick={() => setShowForm((s) => !s)} data-testid="toggle-create-organization">
              {showForm ? 'Close' : 'New organization'}
            </button>
          )
        }
      />
      {created && (
        <Notice testId="organization-created" onDismiss={() => setCreated(null)}>
          Organization <a href={href('/organizations/:id', created)}>{created}</a> created.
        </Notice>
      )}
      {showForm && canWrite(user.role) && (
        <Card title="New organization">
          <CreateOrganizationForm
            onCreated={(id) => {
              setCreated(id);
              setShowForm(false);
              orgs.reload();
            }}
          />
        </Card>
      )}
      <Card title="All organizations">
        {orgs.loading && !orgs.data ? (
          <Loading />
        ) : orgs.error ? (
          <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
        ) : !orgs.data || orgs.data.length === 0 ? (
          <Empty>No organizations yet.{canWrite(user.role) ? ' Create the first one above.' : ''}</Empty>
        ) : (
          <TableWrap testId="organizations-table">
            <table className="table">
              <thead>
                <tr>
                  <th>ID</th>
                  <th>Name</th>
                  <th>Status</th>
                  <th>Created</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {orgs.data.map((o) => (
                  <tr key={o.organization_id} data-testid="organization-row" data-id={o.organization_id}>
                    <td className="mono">
                      <a href={href('/organizations/:id', o.organization_id)} data-testid="organization-link">
                        {o.organization_id}
                      </a>
                    </td>
                    <td>{o.name}</td>
                    <td>
                      <StatusBadge status={o.status} />
                    </td>
                    <td className="nowrap">{formatDateTime(o.created_at)}</td>
                    <td className="nowrap">{formatDateTime(o.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>
  );
}
