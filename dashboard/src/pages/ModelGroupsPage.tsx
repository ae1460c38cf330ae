import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ModelGroup } from '../api/types';
import { useCurrentUser } from '../auth/useAuth';
import { ModelsEditor } from '../components/ModelsEditor';
import { Card, ConfirmButton, Empty, ErrorAlert, Field, Loading, Notice, PageHeader, TableWrap } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { canWrite } from '../lib/permissions';
import { validateDescription, validateDisplayName, validateGroupName, validateModelRows, type ModelRow } from '../lib/validators';

function toEntries(rows: ModelRow[]) {
  return rows.map((r) => ({ model_name: r.model_name, priority: Number(r.priority.trim() || '0') }));
}

function CreateModelGroupForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [rows, setRows] = useState<ModelRow[]>([{ model_name: '', priority: '0' }]);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [rowErrors, setRowErrors] = useState<(string | null)[]>([]);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const models = validateModelRows(rows);
    const next = {
      name: validateGroupName(name),
      displayName: validateDisplayName(displayName, 'Display name', false),
      description: validateDescription(description),
      models: models.overall,
    };
    setErrors(next);
    setRowErrors(models.rows);
    if (Object.values(next).some(Boolean) || models.rows.some(Boolean)) return;
    const created = await action.run(() =>
      unwrap(
        api.POST('/api/model-groups/create', {
          body: {
            group_name: name,
            ...(displayName ? { display_name: displayName } : {}),
            ...(description ? { description } : {}),
            models: toEntries(rows),
          },
        }),
      ),
    );
    if (created) onCreated(created.group_name);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-model-group-form" className="form-grid">
      <ErrorAlert error={action.error} testId="create-model-group-error" />
      <Field label="Group name" htmlFor="mg-name" error={errors.name} hint="e.g. gpt-models">
        <input id="mg-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="mg-name" maxLength={128} autoComplete="off" />
      </Field>
      <Field label="Display name (optional)" htmlFor="mg-display" error={errors.displayName}>
        <input id="mg-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="mg-display-name" maxLength={200} autoComplete="off" />
      </Field>
      <Field label="Description (optional)" htmlFor="mg-description" error={errors.description}>
        <input id="mg-description" value={description} onChange={(e) => setDescription(e.target.value)} data-testid="mg-description" maxLength={2000} autoComplete="off" />
      </Field>
      <div className="field field-wide">
        <span className="label">Models (priority 0 is primary; higher numbers are fallbacks)</span>
        <ModelsEditor rows={rows} errors={rowErrors} onChange={setRows} idPrefix="create-mg" />
        {errors.models && <div className="field-error">{errors.models}</div>}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="create-model-group-submit">
          {action.busy ? 'Creating…' : 'Create model group'}
        </button>
      </div>
    </form>
  );
}

function EditModels({ group, onDone }: { group: ModelGroup; onDone: (saved: boolean) => void }) {
  const [rows, setRows] = useState<ModelRow[]>(group.models.map((m) => ({ model_name: m.model_name, priority: String(m.priority) })));
  const [rowErrors, setRowErrors] = useState<(string | null)[]>([]);
  const [overall, setOverall] = useState<string | null>(null);
  const action = useAction();

  async function save() {
    const v = validateModelRows(rows);
    setRowErrors(v.rows);
    setOverall(v.overall);
    if (v.overall || v.rows.some(Boolean)) return;
    // The body is a bare JSON array of {model_name, priority}.
    const result = await action.run(() =>
      unwrap(api.PUT('/api/model-groups/{group_name}/models', { params: { path: { group_name: group.group_name } }, body: toEntries(rows) })),
    );
    if (result) onDone(true);
  }

  return (
    <div className="edit-models" data-testid="edit-models">
      <ErrorAlert error={action.error} testId="edit-models-error" />
      <ModelsEditor rows={rows} errors={rowErrors} onChange={setRows} idPrefix="edit-mg" />
      {overall && <div className="field-error">{overall}</div>}
      <div className="form-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={() => void save()} disabled={action.busy} data-testid="save-models">
          {action.busy ? 'Saving…' : 'Save models'}
        </button>
        <button type="button" className="btn btn-small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ModelGroupsPage() {
  const user = useCurrentUser();
  const writer = canWrite(user.role);
  const groups = useQuery(() => unwrap(api.GET('/api/model-groups')), []);
  const [showForm, setShowForm] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const del = useAction();

  async function remove(name: string) {
    const ok = await del.run(() => unwrap(api.DELETE('/api/model-groups/{group_name}', { params: { path: { group_name: name } } })));
    if (ok) {
      setNotice(`Model group ${name} deleted.`);
      groups.reload();
    }
  }

  return (
    <>
      <PageHeader
        title="Model groups"
        subtitle="Named sets of models with a primary and fallbacks, assigned to teams."
        actions={
          writer && (
            <button type="button" className="btn btn-primary" onClick={() => setShowForm((s) => !s)} data-testid="toggle-create-model-group">
              {showForm ? 'Close' : 'New model group'}
            </button>
          )
        }
      />
      {notice && (
        <Notice testId="model-group-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      <ErrorAlert error={del.error} testId="delete-model-group-error" />
      {showForm && writer && (
        <Card title="New model group">
          <CreateModelGroupForm
            onCreated={(name) => {
              setShowForm(false);
              setNotice(`Model group ${name} created.`);
              groups.reload();
            }}
          />
        </Card>
      )}
      <Card title="All model groups">
        {groups.loading && !groups.data ? (
          <Loading />
        ) : groups.error ? (
          <ErrorAlert error={groups.error} onRetry={groups.reload} />
        ) : !groups.data || groups.data.length === 0 ? (
          <Empty>No model groups yet.</Empty>
        ) : (
          <TableWrap testId="model-groups-table">
            <table className="table">
              <thead>
                <tr>
                  <th>Group</th>
                  <th>Display name</th>
                  <th>Models (by priority)</th>
                  <th>Updated</th>
                  {writer && <th>Actions</th>}
                </tr>
              </thead>
              <tbody>
                {groups.data.map((g) => (
                  <tr key={g.group_name} data-testid="model-group-row" data-name={g.group_name}>
                    <td className="mono">{g.group_name}</td>
                    <td>
                      {g.display_name || '—'}
                      {g.description && <div className="muted small">{g.description}</div>}
                    </td>
                    <td className="models-cell">
                      {editing === g.group_name ? (
                        <EditModels
                          group={g}
                          onDone={(saved) => {
                            setEditing(null);
                            if (saved) {
                              setNotice(`Models of ${g.group_name} updated.`);
                              groups.reload();
                            }
                          }}
                        />
                      ) : g.models.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <ol className="model-list">
                          {[...g.models]
                            .sort((a, b) => a.priority - b.priority)
                            .map((m) => (
                              <li key={`${m.model_name}-${m.priority}`}>
                                <span className="mono-small">{m.model_name}</span> <span className="muted small">p{m.priority}{m.priority === 0 ? ' · primary' : ''}</span>
                              </li>
                            ))}
                        </ol>
                      )}
                    </td>
                    <td className="nowrap">{formatDateTime(g.updated_at)}</td>
                    {writer && (
                      <td className="actions-cell">
                        {editing !== g.group_name && (
                          <button type="button" className="btn btn-small" onClick={() => setEditing(g.group_name)} data-testid="edit-models-button">
                            Edit models
                          </button>
                        )}
                        <ConfirmButton
                          label="Delete"
                          question={`Delete ${g.group_name}?`}
                          confirmLabel="Delete"
                          onConfirm={() => remove(g.group_name)}
                          busy={del.busy}
                          testId="delete-model-group"
                        />
                      </td>
                    )}
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
