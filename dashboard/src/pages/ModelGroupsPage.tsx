import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ModelGroup } from '../api/types';
import { useCurrentUser } from '../auth/useAuth';
import { ModelsEditor } from '../components/ModelsEditor';
import { AsyncSection } from '../components/AsyncSection';
import { BusyButton, Card, ConfirmButton, DataTable, DismissibleNotice, ErrorAlert, FormToggle, InputField, PageHeader } from '../components/ui';
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
      <InputField id="mg-name" label="Group name" value={name} onValue={setName} error={errors.name} hint="e.g. gpt-models" maxLength={128} autoComplete="off" />
      <InputField id="mg-display" testId="mg-display-name" label="Display name (optional)" value={displayName} onValue={setDisplayName} error={errors.displayName} maxLength={200} autoComplete="off" />
      <InputField id="mg-description" label="Description (optional)" value={description} onValue={setDescription} error={errors.description} maxLength={2000} autoComplete="off" />
      <div className="field field-wide">
        <span className="label">Models (priority 0 is primary; higher numbers are fallbacks)</span>
        <ModelsEditor rows={rows} errors={rowErrors} onChange={setRows} idPrefix="create-mg" />
        {errors.models && <div className="field-error">{errors.models}</div>}
      </div>
      <div className="form-actions">
        <BusyButton busy={action.busy} busyLabel="Creating…" testId="create-model-group-submit">
          Create model group
        </BusyButton>
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
        <BusyButton busy={action.busy} busyLabel="Saving…" className="btn btn-primary btn-small" onClick={() => void save()} testId="save-models">
          Save models
        </BusyButton>
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
        actions={writer && <FormToggle open={showForm} setOpen={setShowForm} label="New model group" testId="toggle-create-model-group" />}
      />
      <DismissibleNotice message={notice} testId="model-group-notice" onDismiss={() => setNotice(null)} />
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
        <AsyncSection state={groups} empty="No model groups yet.">
          {(list) => (
            <DataTable testId="model-groups-table" columns={['Group', 'Display name', 'Models (by priority)', 'Updated', writer && 'Actions']}>
              {list.map((g) => (
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
            </DataTable>
          )}
        </AsyncSection>
      </Card>
    </>
  );
}
