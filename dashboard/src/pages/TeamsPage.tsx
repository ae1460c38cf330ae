import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ModelGroup, Organization, TeamCreated } from '../api/types';
import { useCurrentUser } from '../auth/useAuth';
import { ModelGroupPicker } from '../components/ModelGroupPicker';
import { SecretOnce } from '../components/SecretOnce';
import { AsyncSection } from '../components/AsyncSection';
import { BusyButton, Card, DataTable, Empty, ErrorAlert, Field, FormToggle, InputField, Loading, PageHeader, StatusBadge } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatCredits } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { canWrite } from '../lib/permissions';
import { hashQuery, href } from '../lib/router';
import { toInt, validateDisplayName, validateInitialCredits, validateResourceId } from '../lib/validators';

function CreateTeamForm({
  orgs,
  groups,
  initialOrg,
  onCreated,
}: {
  orgs: Organization[];
  groups: ModelGroup[];
  initialOrg: string;
  onCreated: (t: TeamCreated) => void;
}) {
  const [orgId, setOrgId] = useState(initialOrg || orgs[0]?.organization_id || '');
  const [teamId, setTeamId] = useState('');
  const [alias, setAlias] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [credits, setCredits] = useState('0');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      org: orgId ? null : 'Choose an organization',
      team: validateResourceId(teamId, 'Team ID'),
      alias: validateDisplayName(alias, 'Alias', false),
      credits: validateInitialCredits(credits),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    const created = await action.run(() =>
      unwrap(
        api.POST('/api/teams/create', {
          body: {
            organization_id: orgId,
            team_id: teamId,
            ...(alias ? { team_alias: alias } : {}),
            model_groups: selected,
            credits_allocated: toInt(credits),
            metadata: {},
          },
        }),
      ),
    );
    if (created) onCreated(created);
  }

  if (orgs.length === 0) {
    return (
      <Empty testId="no-organizations">
        Create an <a href="#/organizations">organization</a> first.
      </Empty>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-team-form" className="form-grid">
      <ErrorAlert error={action.error} testId="create-team-error" />
      <Field label="Organization" htmlFor="team-org" error={errors.org}>
        <select id="team-org" value={orgId} onChange={(e) => setOrgId(e.target.value)} data-testid="team-org">
          {orgs.map((o) => (
            <option key={o.organization_id} value={o.organization_id}>
              {o.name} ({o.organization_id})
            </option>
          ))}
        </select>
      </Field>
      <InputField id="team-id" label="Team ID" value={teamId} onValue={setTeamId} error={errors.team} hint="Letters, digits, '.', '_' and '-'" maxLength={255} autoComplete="off" />
      <InputField id="team-alias" label="Alias (optional)" value={alias} onValue={setAlias} error={errors.alias} maxLength={200} autoComplete="off" />
      <InputField id="team-credits" label="Initial credits" value={credits} onValue={setCredits} error={errors.credits} hint="0 to 1,000,000,000" inputMode="numeric" />
      <div className="field field-wide">
        <span className="label">Model groups</span>
        <ModelGroupPicker groups={groups} selected={selected} onChange={setSelected} idPrefix="create-team" />
      </div>
      <div className="form-actions">
        <BusyButton busy={action.busy} busyLabel="Creating…" testId="create-team-submit">
          Create team
        </BusyButton>
      </div>
    </form>
  );
}

export function TeamsPage() {
  const user = useCurrentUser();
  const writer = canWrite(user.role);
  const query = hashQuery(window.location.hash);
  const preselectedOrg = query.get('organization') ?? '';
  const [showForm, setShowForm] = useState(writer && preselectedOrg !== '');
  // The new key lives only here: leaving the page forgets it for good.
  const [created, setCreated] = useState<TeamCreated | null>(null);

  const teams = useQuery(() => unwrap(api.GET('/api/teams')), []);
  const orgs = useQuery(() => (writer ? unwrap(api.GET('/api/organizations')) : Promise.resolve([])), [writer]);
  const groups = useQuery(() => (writer ? unwrap(api.GET('/api/model-groups')) : Promise.resolve([])), [writer]);

  return (
    <>
      <PageHeader
        title="Teams"
        subtitle="Teams hold a virtual key, model groups and a credit balance."
        actions={writer && <FormToggle open={showForm} setOpen={setShowForm} label="New team" testId="toggle-create-team" />}
      />
      {created && (
        <SecretOnce title={`Team ${created.team_id} created`} secret={created.virtual_key} onDone={() => setCreated(null)} testId="team-created">
          <p className="muted small">
            Organization <span className="mono">{created.organization_id}</span> · {formatCredits(created.credits_remaining)} credits ·{' '}
            {created.model_groups.length ? `model groups: ${created.model_groups.join(', ')}` : 'no model groups'} ·{' '}
            <a href={href('/teams/:id', created.team_id)} data-testid="created-team-link">
              open team
            </a>
          </p>
        </SecretOnce>
      )}
      {showForm && writer && (
        <Card title="New team">
          {orgs.loading || groups.loading ? (
            <Loading />
          ) : orgs.error || groups.error ? (
            <ErrorAlert
              error={orgs.error ?? groups.error}
              onRetry={() => {
                orgs.reload();
                groups.reload();
              }}
            />
          ) : (
            <CreateTeamForm
              orgs={orgs.data ?? []}
              groups={groups.data ?? []}
              initialOrg={preselectedOrg}
              onCreated={(t) => {
                setCreated(t);
                setShowForm(false);
                teams.reload();
              }}
            />
          )}
        </Card>
      )}
      <Card title="All teams">
        <AsyncSection state={teams} empty="No teams yet.">
          {(list) => (
            <DataTable testId="teams-table" columns={['Team', 'Alias', 'Organization', 'Status', 'Model groups', 'Key', { num: 'Remaining' }, { num: 'Allocated' }]}>
              {list.map((t) => (
                <tr key={t.team_id} data-testid="team-row" data-id={t.team_id}>
                  <td className="mono">
                    <a href={href('/teams/:id', t.team_id)} data-testid="team-link">
                      {t.team_id}
                    </a>
                  </td>
                  <td>{t.team_alias ?? '—'}</td>
                  <td className="mono">
                    <a href={href('/organizations/:id', t.organization_id)}>{t.organization_id}</a>
                  </td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>{t.model_groups.length ? t.model_groups.join(', ') : '—'}</td>
                  <td className="mono-small" data-testid="masked-key">
                    {t.virtual_key}
                  </td>
                  <td className="num" data-testid="team-remaining">
                    {formatCredits(t.credits_remaining)}
                  </td>
                  <td className="num">{formatCredits(t.credits_allocated)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </AsyncSection>
      </Card>
    </>
  );
}
