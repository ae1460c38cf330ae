import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AsyncSection } from './AsyncSection';
import { AuthCard } from './AuthCard';
import { BusyButton, DataTable, DismissibleNotice, Empty, ErrorAlert, Field, FormToggle, InputField, Loading, Notice, StatTile, TableWrap } from './ui';

const noop = () => undefined;

/** Static markup with each tag's attributes sorted, so that two renderings compare as DOM, not as text. */
function html(el: ReactElement): string {
  return renderToStaticMarkup(el).replace(/<([a-z0-9]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*(\/?)>/g, (_m, tag: string, attrs: string, slash: string) => {
    const sorted = (attrs.match(/[^\s=>]+(?:="[^"]*")?/g) ?? []).sort();
    return `<${[tag, ...sorted].join(' ')}${slash}>`;
  });
}

function state<T>(s: { data?: T; loading?: boolean; error?: string | null }) {
  return { data: s.data, loading: s.loading ?? false, error: s.error ?? null, reload: noop };
}

const list = (xs: string[]) => (
  <ul>
    {xs.map((x) => (
      <li key={x}>{x}</li>
    ))}
  </ul>
);

describe('AsyncSection', () => {
  it('shows Loading only while there is no data yet', () => {
    expect(html(<AsyncSection state={state<string[]>({ loading: true })} empty="none">{list}</AsyncSection>)).toBe(html(<Loading />));
    expect(html(<AsyncSection state={state({ loading: true, data: ['a'] })} empty="none">{list}</AsyncSection>)).toBe(html(list(['a'])));
  });
  it('shows the error with Retry, even over older data', () => {
    const alert = html(<ErrorAlert error="boom" onRetry={noop} />);
    expect(alert).toContain('Retry');
    expect(html(<AsyncSection state={state<string[]>({ error: 'boom' })} empty="none">{list}</AsyncSection>)).toBe(alert);
    expect(html(<AsyncSection state={state({ error: 'boom', data: ['a'] })} empty="none">{list}</AsyncSection>)).toBe(alert);
  });
  it('shows the empty message for missing data, an empty array or what isEmpty says', () => {
    const empty = html(<Empty>No teams yet.</Empty>);
    expect(html(<AsyncSection state={state<string[]>({})} empty="No teams yet.">{list}</AsyncSection>)).toBe(empty);
    expect(html(<AsyncSection state={state<string[] | null>({ data: null })} empty="No teams yet.">{list}</AsyncSection>)).toBe(empty);
    expect(html(<AsyncSection state={state({ data: [] as string[] })} empty="No teams yet.">{list}</AsyncSection>)).toBe(empty);
    const page = state({ data: { entries: [] as string[], total: 0 } });
    expect(html(<AsyncSection state={page} empty="No teams yet." isEmpty={(p) => p.entries.length === 0}>{(p) => list(p.entries)}</AsyncSection>)).toBe(empty);
  });
  it('without `empty`, renders nothing for missing data and anything else as content', () => {
    expect(html(<AsyncSection state={state<string[]>({})}>{list}</AsyncSection>)).toBe('');
    expect(html(<AsyncSection state={state({ data: [] as string[] })}>{list}</AsyncSection>)).toBe(html(list([])));
    expect(html(<AsyncSection state={state({ data: ['a', 'b'] })} empty="none">{list}</AsyncSection>)).toBe(html(list(['a', 'b'])));
  });
});

// The shared pieces render exactly the markup the pages used to write out by hand.
describe('shared markup', () => {
  it('DataTable', () => {
    const writer = false;
    expect(
      html(
        <DataTable testId="teams-table" columns={['Team', { num: 'Remaining' }, writer && 'Actions', 'Key']}>
          <tr>
            <td>x</td>
          </tr>
        </DataTable>,
      ),
    ).toBe(
      html(
        <TableWrap testId="teams-table">
          <table className="table">
            <thead>
              <tr>
                <th>Team</th>
                <th className="num">Remaining</th>
                {writer && <th>Actions</th>}
                <th>Key</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>x</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>,
      ),
    );
    expect(html(<DataTable columns={['A']}>{null}</DataTable>)).not.toContain('data-testid');
  });
  it('InputField', () => {
    expect(html(<InputField id="pw-new" label="New password" value="x" onValue={noop} error={null} hint="8 to 72 characters" type="password" autoComplete="new-password" />)).toBe(
      html(
        <Field label="New password" htmlFor="pw-new" error={null} hint="8 to 72 characters">
          <input id="pw-new" type="password" autoComplete="new-password" value="x" onChange={noop} data-testid="pw-new" />
        </Field>,
      ),
    );
    expect(html(<InputField id="add-credits" testId="add-credits-amount" label="Credits" value="" onValue={noop} error="Too many" inputMode="numeric" />)).toBe(
      html(
        <Field label="Credits" htmlFor="add-credits" error="Too many">
          <input id="add-credits" inputMode="numeric" value="" onChange={noop} data-testid="add-credits-amount" />
        </Field>,
      ),
    );
  });
  it('BusyButton', () => {
    for (const busy of [false, true]) {
      expect(html(<BusyButton busy={busy} busyLabel="Creating…" testId="create-team-submit">Create team</BusyButton>)).toBe(
        html(
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-team-submit">
            {busy ? 'Creating…' : 'Create team'}
          </button>,
        ),
      );
      expect(html(<BusyButton busy={busy} busyLabel="Saving…" className="btn btn-primary btn-small" onClick={noop} testId="save-models">Save models</BusyButton>)).toBe(
        html(
          <button type="button" className="btn btn-primary btn-small" onClick={noop} disabled={busy} data-testid="save-models">
            {busy ? 'Saving…' : 'Save models'}
          </button>,
        ),
      );
    }
  });
  it('FormToggle', () => {
    for (const open of [false, true]) {
      expect(html(<FormToggle open={open} setOpen={noop} label="New team" testId="toggle-create-team" />)).toBe(
        html(
          <button type="button" className="btn btn-primary" onClick={noop} data-testid="toggle-create-team">
            {open ? 'Close' : 'New team'}
          </button>,
        ),
      );
    }
  });
  it('DismissibleNotice', () => {
    expect(html(<DismissibleNotice message={null} testId="n" onDismiss={noop} />)).toBe('');
    expect(html(<DismissibleNotice message="Team resumed." testId="team-notice" onDismiss={noop} />)).toBe(
      html(
        <Notice testId="team-notice" onDismiss={noop}>
          Team resumed.
        </Notice>,
      ),
    );
  });
  it('StatTile', () => {
    expect(html(<StatTile label="Used" value="1,000" testId="balance-used" />)).toBe(
      html(
        <div className="stat">
          <div className="stat-label">Used</div>
          <div className="stat-value" data-testid="balance-used">
            1,000
          </div>
        </div>,
      ),
    );
  });
  it('AuthCard', () => {
    expect(
      html(
        <AuthCard title="Sign in" testId="login-form" onSubmit={noop}>
          <p>body</p>
        </AuthCard>,
      ),
    ).toBe(
      html(
        <div className="center-screen auth-screen">
          <form className="card auth-card" onSubmit={noop} noValidate data-testid="login-form">
            <div className="auth-brand">
              <span className="brand-mark" aria-hidden="true" /> Control Plane
            </div>
            <h1>Sign in</h1>
            <p>body</p>
          </form>
        </div>,
      ),
    );
  });
});
