import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { RotatedKey, Team } from '../api/types';
import { useCurrentUser } from '../auth/useAuth';
import { ModelGroupPicker } from '../components/ModelGroupPicker';
import { SecretOnce } from '../components/SecretOnce';
import { AsyncSection } from '../components/AsyncSection';
import { Badge, BusyButton, Card, ConfirmButton, DataTable, DismissibleNotice, Empty, ErrorAlert, Field, InputField, Loading, PageHeader, StatTile, StatusBadge } from '../components/ui';
import { unwrap } from '../lib/errors';
import { formatCredits, formatDateTime, formatDuration, formatSignedCredits } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { SubmissionKeys } from '../lib/ids';
import { canWrite } from '../lib/permissions';
import { href } from '../lib/router';
import { toInt, validateCredits, validateGracePeriod, validateReason } from '../lib/validators';

const DEFAULT_REASON = 'Manual credit allocation';
const GRACE_PRESETS = [0, 300, 3600, 86_400, 604_800];

function AddCreditsForm({ teamId, onAdded }: { teamId: string; onAdded: (added: number, remaining: number) => void }) {
  const [credits, setCredits] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();
  // One Idempotency-Key per submission (reused only to retry a submission that got no answer).
  const keys = useRef(new SubmissionKeys());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = { credits: validateCredits(credits), reason: validateReason(reason) };
    setErrors(next);
    if (next.credits || next.reason) return;
    // `reason` has a default in the spec, so the generated type makes it required: send the default text.
    const body = { credits: toInt(credits), reason: reason.trim() || DEFAULT_REASON };
    const idempotencyKey = keys.current.keyFor(body);
    const result = await action.run(async () => {
      const res = await api.POST('/api/credits/teams/{team_id}/add', {
        params: { path: { team_id: teamId }, header: { 'Idempotency-Key': idempotencyKey } },
        body,
      });
      keys.current.settled(); // the server answered: the next submission is a new one
      return unwrap(Promise.resolve(res));
    });
    if (result) {
      setCredits('');
      setReason('');
      onAdded(result.credits_added, result.credits_remaining);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="add-credits-form" className="form-grid">
      <ErrorAlert error={action.error} testId="add-credits-error" />
      <InputField id="add-credits" testId="add-credits-amount" label="Credits" value={credits} onValue={setCredits} error={errors.credits} hint="Whole number, 1 to 1,000,000,000" inputMode="numeric" autoComplete="off" />
      <InputField id="add-reason" testId="add-credits-reason" label="Reason" value={reason} onValue={setReason} error={errors.reason} hint="Shown in the ledger (optional)" maxLength={500} placeholder={DEFAULT_REASON} />
      <div className="form-actions">
        <BusyButton busy={action.busy} busyLabel="Adding…" testId="add-credits-submit">
          Add credits
        </BusyButton>
      </div>
    </form>
  );
}

function ModelGroupsCard({ team, writer, onSaved }: { team: Team; writer: boolean; onSaved: () => void }) {
  const groups = useQuery(() => (writer ? unwrap(api.GET('/api/model-groups')) : Promise.resolve([])), [writer]);
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string[]>(team.model_groups);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();

  async function save() {
    // The body is a bare JSON array of group names.
    const result = await action.run(() =>
      unwrap(api.PUT('/api/teams/{team_id}/model-groups', { params: { path: { team_id: team.team_id } }, body: selected })),
    );
    if (result) {
      setEditing(false);
      setSaved(result.message || 'Model groups updated');
      onSaved();
    }
  }

  return (
    <Card
      title="Model groups"
      testId="team-model-groups"
      actions={
        writer &&
        !editing && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="edit-team-model-groups"
            onClick={() => {
              setSelected(team.model_groups);
              setEditing(true);
              setSaved(null);
            }}
          >
            Assign
          </button>
        )
      }
    >
      <DismissibleNotice message={saved} testId="model-groups-saved" onDismiss={() => setSaved(null)} />
      {editing ? (
        groups.loading ? (
          <Loading />
        ) : groups.error ? (
          <ErrorAlert error={groups.error} onRetry={groups.reload} />
        ) : (
          <>
            <ErrorAlert error={action.error} testId="assign-model-groups-error" />
            <ModelGroupPicker groups={groups.data ?? []} selected={selected} onChange={setSelected} idPrefix="assign" />
            <div className="form-actions">
              <BusyButton busy={action.busy} busyLabel="Saving…" className="btn btn-primary btn-small" onClick={() => void save()} testId="save-team-model-groups">
                Save
              </BusyButton>
              <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </>
        )
      ) : (
        <>
          {team.model_groups.length === 0 ? (
            <Empty>No model groups assigned.</Empty>
          ) : (
            <div className="chips" data-testid="team-model-group-list">
              {team.model_groups.map((g) => (
                <Badge key={g} tone="blue">
                  {g}
                </Badge>
              ))}
            </div>
          )}
          {team.allowed_models.length > 0 && (
            <p className="muted small">
              Allowed models: <span className="mono-small">{team.allowed_models.join(', ')}</span>
            </p>
          )}
        </>
      )}
    </Card>
  );
}

function RotateKeyCard({ teamId, onRotated }: { teamId: string; onRotated: () => void }) {
  const [grace, setGrace] = useState('3600');
  const [graceError, setGraceError] = useState<string | null>(null);
  const [rotated, setRotated] = useState<RotatedKey | null>(null);
  const action = useAction();

  async function rotate() {
    const err = validateGracePeriod(grace);
    setGraceError(err);
    if (err) return;
    const result = await action.run(() =>
      unwrap(
        api.POST('/api/teams/{team_id}/rotate-key', {
          params: { path: { team_id: teamId } },
          body: { grace_period_seconds: toInt(grace) },
        }),
      ),
    );
    if (result) {
      setRotated(result);
      onRotated();
    }
  }

  return (
    <Card title="Rotate key" testId="rotate-key">
      {rotated ? (
        <SecretOnce title="New virtual key" secret={rotated.virtual_key} onDone={() => setRotated(null)} testId="rotated-key">
          <p className="muted small" data-testid="previous-key-expiry">
            {rotated.previous_key_expires_at
              ? `The previous key keeps working until ${formatDateTime(rotated.previous_key_expires_at)}.`
              : 'The previous key stopped working immediately.'}
          </p>
        </SecretOnce>
      ) : (
        <>
          <p className="muted small">Issues a new key. The old key keeps working for the grace period only.</p>
          <ErrorAlert error={action.error} testId="rotate-key-error" />
          <div className="inline-form">
            <Field label="Grace period" htmlFor="grace" error={graceError}>
              <select id="grace" value={grace} onChange={(e) => setGrace(e.target.value)} data-testid="rotate-grace">
                {GRACE_PRESETS.map((s) => (
                  <option key={s} value={String(s)}>
                    {s === 0 ? 'None (old key stops now)' : formatDuration(s)}
                  </option>
                ))}
              </select>
            </Field>
            <ConfirmButton
              label="Rotate key"
              question="Issue a new key?"
              confirmLabel="Rotate"
              onConfirm={rotate}
              busy={action.busy}
              testId="rotate-key-button"
              small={false}
            />
          </div>
        </>
      )}
    </Card>
  );
}

export function TeamDetailPage({ teamId }: { teamId: string }) {
  const user = useCurrentUser();
  const writer = canWrite(user.role);
  const team = useQuery(() => unwrap(api.GET('/api/teams/{team_id}', { params: { path: { team_id: teamId } } })), [teamId]);
  const balance = useQuery(() => unwrap(api.GET('/api/credits/teams/{team_id}/balance', { params: { path: { team_id: teamId } } })), [teamId]);
  const txs = useQuery(
    () => unwrap(api.GET('/api/credits/teams/{team_id}/transactions', { params: { path: { team_id: teamId }, query: { limit: 50 } } })),
    [teamId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const status = useAction();

  function reloadAll() {
    team.reload();
    balance.reload();
    txs.reload();
  }

  async function setSuspended(suspend: boolean) {
    const result = await status.run(() =>
      unwrap(
        suspend
          ? api.POST('/api/teams/{team_id}/suspend', { params: { path: { team_id: teamId } } })
          : api.POST('/api/teams/{team_id}/resume', { params: { path: { team_id: teamId } } }),
      ),
    );
    if (result) {
      setNotice(suspend ? 'Team suspended: its keys are refused until resumed.' : 'Team resumed.');
      reloadAll();
    }
  }

  const t = team.data;
  return (
    <>
      <div className="breadcrumbs">
        <a href="#/teams">Teams</a> / <span className="mono">{teamId}</span>
      </div>
      {team.loading && !t ? (
        <Loading />
      ) : team.error && !t ? (
        <>
          <PageHeader title={teamId} />
          <ErrorAlert error={team.error} onRetry={team.reload} />
        </>
      ) : t ? (
        <>
          <PageHeader
            title={
              <>
                <span className="mono" data-testid="team-title">{t.team_id}</span> {t.team_alias && <span className="muted title-alias">{t.team_alias}</span>}
              </>
            }
            subtitle={
              <>
                Organization <a href={href('/organizations/:id', t.organization_id)} className="mono">{t.organization_id}</a> · <span data-testid="team-status"><StatusBadge status={t.status} /></span> · key{' '}
                <span className="mono-small" data-testid="team-masked-key">{t.virtual_key}</span>
              </>
            }
            actions={
              writer &&
              (t.status === 'active' ? (
                <ConfirmButton label="Suspend" question="Suspend this team?" confirmLabel="Suspend" onConfirm={() => setSuspended(true)} busy={status.busy} testId="suspend-team" small={false} />
              ) : (
                <button type="button" className="btn btn-primary" onClick={() => void setSuspended(false)} disabled={status.busy} data-testid="resume-team">
                  Resume
                </button>
              ))
            }
          />
          <ErrorAlert error={status.error} testId="team-status-error" />
          <DismissibleNotice message={notice} testId="team-notice" onDismiss={() => setNotice(null)} />
          <div className="grid-2">
            <Card title="Balance" testId="team-balance">
              <AsyncSection state={balance}>
                {(b) => (
                  <div className="stats stats-compact">
                    <StatTile label="Remaining" value={formatCredits(b.credits_remaining)} testId="balance-remaining" />
                    <StatTile label="Allocated" value={formatCredits(b.credits_allocated)} testId="balance-allocated" />
                    <StatTile label="Used" value={formatCredits(b.credits_used)} testId="balance-used" />
                  </div>
                )}
              </AsyncSection>
            </Card>
            {writer && (
              <Card title="Add credits" testId="team-add-credits">
                <AddCreditsForm
                  teamId={teamId}
                  onAdded={(added, remaining) => {
                    setNotice(`Added ${formatCredits(added)} credits. New balance: ${formatCredits(remaining)}.`);
                    reloadAll();
                  }}
                />
              </Card>
            )}
          </div>
          <ModelGroupsCard team={t} writer={writer} onSaved={team.reload} />
          {writer && <RotateKeyCard teamId={teamId} onRotated={team.reload} />}
          <Card title={`Transactions${txs.data ? ` (${txs.data.total})` : ''}`} testId="team-transactions">
            <AsyncSection state={txs} empty="No transactions yet." isEmpty={(d) => d.transactions.length === 0}>
              {(d) => (
                <DataTable testId="transactions-table" columns={['When', 'Type', { num: 'Amount' }, { num: 'Before' }, { num: 'After' }, 'Reason', 'Actor']}>
                  {d.transactions.map((x) => (
                    <tr key={x.transaction_id} data-testid="transaction-row" data-type={x.transaction_type}>
                      <td className="nowrap">{formatDateTime(x.created_at)}</td>
                      <td>
                        <Badge tone={x.credits_amount >= 0 ? 'green' : 'red'}>{x.transaction_type}</Badge>
                      </td>
                      <td className="num" data-testid="transaction-amount">{formatSignedCredits(x.credits_amount)}</td>
                      <td className="num">{formatCredits(x.credits_before)}</td>
                      <td className="num">{formatCredits(x.credits_after)}</td>
                      <td data-testid="transaction-reason">{x.reason ?? '—'}</td>
                      <td className="mono-small">{x.actor}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </AsyncSection>
            {txs.data && txs.data.total > txs.data.transactions.length && (
              <p className="muted small">Showing the newest {txs.data.transactions.length} of {txs.data.total}.</p>
            )}
          </Card>
        </>
      ) : null}
    </>
  );
}
