import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { Card, ErrorAlert, Field, Notice, PageHeader } from '../components/ui';
import { unwrap } from '../lib/errors';
import { useAction } from '../lib/hooks';
import { validateLoginPassword, validatePassword, validatePasswordConfirm } from '../lib/validators';

export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const errs = {
      current: validateLoginPassword(current),
      next: validatePassword(next) ?? (next === current ? 'The new password must differ from the current one' : null),
      confirm: validatePasswordConfirm(next, confirm),
    };
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) return;
    const r = await action.run(() =>
      unwrap(api.POST('/api/admin-users/me/change-password', { body: { current_password: current, new_password: next } })),
    );
    if (r) {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(`${r.message || 'Password changed'}. Your other sessions were signed out.`);
    }
  }

  return (
    <>
      <PageHeader title="Change password" subtitle="Changing your password signs out every other session." />
      <Card className="narrow">
        {done && (
          <Notice testId="password-changed" onDismiss={() => setDone(null)}>
            {done}
          </Notice>
        )}
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="change-password-form">
          <ErrorAlert error={action.error} testId="change-password-error" />
          <Field label="Current password" htmlFor="pw-current" error={errors.current}>
            <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="pw-current" />
          </Field>
          <Field label="New password" htmlFor="pw-new" error={errors.next} hint="8 to 72 characters">
            <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="pw-new" />
          </Field>
          <Field label="Confirm new password" htmlFor="pw-confirm" error={errors.confirm}>
            <input id="pw-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="pw-confirm" />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="change-password-submit">
            {action.busy ? 'Saving…' : 'Change password'}
          </button>
        </form>
      </Card>
    </>
  );
}
