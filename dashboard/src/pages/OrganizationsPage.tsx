import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { AsyncSection } from '../components/AsyncSection';
import { BusyButton, Card, DataTable, ErrorAlert, FormToggle, InputField, Notice, PageHeader, StatusBadge } from '../components/ui';
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
      <InputField id="org-id" label="Organization ID" value={id} onValue={setId} error={errors.id} hint="Letters, digits, '.', '_' and '-'; e.g. acme-prod" maxLength={255} autoComplete="off" />
      <InputField id="org-name" label="Name" value={name} onValue={setName} error={errors.name} maxLength={200} autoComplete="off" />
      <div className="form-actions">
        <BusyButton busy={action.busy} busyLabel="Creating…" testId="create-organization-submit">
          Create organization
        </BusyButton>
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
        actions={canWrite(user.role) && <FormToggle open={showForm} setOpen={setShowForm} label="New organization" testId="toggle-create-organization" />}
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
        <AsyncSection state={orgs} empty={<>No organizations yet.{canWrite(user.role) ? ' Create the first one above.' : ''}</>}>
          {(list) => (
            <DataTable testId="organizations-table" columns={['ID', 'Name', 'Status', 'Created', 'Updated']}>
              {list.map((o) => (
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
            </DataTable>
          )}
        </AsyncSection>
      </Card>
    </>
  );
}
