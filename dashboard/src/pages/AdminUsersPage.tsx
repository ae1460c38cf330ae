import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { AdminUser, Role } from '../api/types';
import { useCurrentUser } from '../auth/useAuth';
import { AsyncSection } from '../components/AsyncSection';
import { Badge, BusyButton, Card, ConfirmButton, DataTable, DismissibleNotice, ErrorAlert, Field, FormToggle, InputField, PageHeader } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { assignableRoles, canChangeRole, canManageUsers, canModifyUser, ROLE_LABELS } from '../lib/permissions';
import { validateNewUser } from '../lib/validators';
import { Forbidden } from './Forbidden';

function CreateUserForm({ roles, onCreated }: { roles: Role[]; onCreated: (u: AdminUser) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('user') ? 'user' : roles[0]!);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = { ...validateNewUser(email, name, password), role: roles.includes(role) ? null : 'Choose a role you may assign' };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    const created = await action.run(() =>
      unwrap(api.POST('/api/admin-users', { body: { email, display_name: name, password, role, metadata: {} } })),
    );
    if (created) onCreated(created);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-user-form" className="form-grid">
      <ErrorAlert error={action.error} testId="create-user-error" />
      <InputField id="user-email" label="Email" value={email} onValue={setEmail} error={errors.email} type="email" autoComplete="off" />
      <InputField id="user-name" label="Display name" value={name} onValue={setName} error={errors.name} maxLength={200} autoComplete="off" />
      <InputField id="user-password" label="Initial password" value={password} onValue={setPassword} error={errors.password} hint="8 to 72 characters" type="password" autoComplete="new-password" />
      <Field label="Role" htmlFor="user-role" error={errors.role}>
        <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <BusyButton busy={action.busy} busyLabel="Creating…" testId="create-user-submit">
          Create user
        </BusyButton>
      </div>
    </form>
  );
}

function UserRow({ me, u, onChanged }: { me: AdminUser; u: AdminUser; onChanged: (msg: string) => void }) {
  const [role, setRole] = useState<Role>(u.role);
  const action = useAction();
  const modifiable = canModifyUser(me, u);
  const roleOptions = Array.from(new Set<Role>([u.role, ...assignableRoles(me.role)]));

  async function saveRole() {
    const r = await action.run(() => unwrap(api.PUT('/api/admin-users/{user_id}', { params: { path: { user_id: u.user_id } }, body: { role } })));
    if (r) onChanged(`${u.email} is now ${r.role}.`);
  }
  async function deactivate() {
    const r = await action.run(() => unwrap(api.DELETE('/api/admin-users/{user_id}', { params: { path: { user_id: u.user_id } } })));
    if (r) onChanged(`${u.email} deactivated; their sessions were revoked.`);
  }
  async function reactivate() {
    const r = await action.run(() =>
      unwrap(api.PUT('/api/admin-users/{user_id}', { params: { path: { user_id: u.user_id } }, body: { is_active: true } })),
    );
    if (r) onChanged(`${u.email} reactivated.`);
  }

  return (
    <tr data-testid="user-row" data-email={u.email} className={u.is_active ? undefined : 'row-inactive'}>
      <td>
        <div>{u.display_name}</div>
        <div className="muted small mono-small">{u.email}</div>
      </td>
      <td>
        {canChangeRole(me, u) && u.is_active ? (
          <span className="inline-form">
            <label htmlFor={`role-${u.user_id}`} className="sr-only">
              Role of {u.email}
            </label>
            <select id={`role-${u.user_id}`} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-role-select">
              {roleOptions.map((r) => (
                <option key={r} value={r} disabled={!assignableRoles(me.role).includes(r) && r !== u.role}>
                  {r}
                </option>
              ))}
            </select>
            {role !== u.role && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => void saveRole()} disabled={action.busy} data-testid="user-role-save">
                Save
              </button>
            )}
          </span>
        ) : (
          <Badge tone={u.role === 'owner' ? 'blue' : u.role === 'admin' ? 'amber' : 'neutral'}>{u.role}</Badge>
        )}
        {me.user_id === u.user_id && <span className="muted small"> (you)</span>}
      </td>
      <td>{u.is_active ? <Badge tone="green">active</Badge> : <Badge tone="red">inactive</Badge>}</td>
      <td className="nowrap">{formatDateTime(u.created_at)}</td>
      <td className="nowrap">{formatDateTime(u.last_login)}</td>
      <td className="actions-cell">
        {modifiable &&
          (u.is_active ? (
            <ConfirmButton label="Deactivate" question={`Deactivate ${u.email}?`} confirmLabel="Deactivate" onConfirm={deactivate} busy={action.busy} testId="deactivate-user" />
          ) : (
            <button type="button" className="btn btn-small" onClick={() => void reactivate()} disabled={action.busy} data-testid="reactivate-user">
              Reactivate
            </button>
          ))}
        {action.error && (
          <div className="field-error" role="alert" data-testid="user-row-error">
            {action.error}
          </div>
        )}
      </td>
    </tr>
  );
}

export function AdminUsersPage() {
  const me = useCurrentUser();
  const allowed = canManageUsers(me.role);
  const users = useQuery(() => (allowed ? unwrap(api.GET('/api/admin-users')) : Promise.resolve([])), [allowed]);
  const [showForm, setShowForm] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const roles = assignableRoles(me.role);

  if (!allowed) return <Forbidden title="Admin users" />;

  return (
    <>
      <PageHeader
        title="Admin users"
        subtitle={me.role === 'owner' ? 'Owners manage everyone except themselves.' : 'Admins manage users with the role “user”.'}
        actions={<FormToggle open={showForm} setOpen={setShowForm} label="New user" testId="toggle-create-user" />}
      />
      <DismissibleNotice message={notice} testId="users-notice" onDismiss={() => setNotice(null)} />
      {showForm && (
        <Card title="New admin user">
          <CreateUserForm
            roles={roles}
            onCreated={(u) => {
              setShowForm(false);
              setNotice(`User ${u.email} created with role ${u.role}.`);
              users.reload();
            }}
          />
        </Card>
      )}
      <Card title="All users">
        <AsyncSection state={users} empty="No users.">
          {(list) => (
            <DataTable testId="users-table" columns={['User', 'Role', 'Status', 'Created', 'Last login', 'Actions']}>
              {list.map((u) => (
                <UserRow
                  key={`${u.user_id}:${u.role}:${u.is_active}`}
                  me={me}
                  u={u}
                  onChanged={(msg) => {
                    setNotice(msg);
                    users.reload();
                  }}
                />
              ))}
            </DataTable>
          )}
        </AsyncSection>
      </Card>
    </>
  );
}
