import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { BusyButton, Card, DismissibleNotice, ErrorAlert, InputField, PageHeader } from '../components/ui';
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
        <DismissibleNotice message={done} testId="password-changed" onDismiss={() => setDone(null)} />
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="change-password-form">
          <ErrorAlert error={action.error} testId="change-password-error" />
          <InputField id="pw-current" label="Current password" value={current} onValue={setCurrent} error={errors.current} type="password" autoComplete="current-password" />
          <InputField id="pw-new" label="New password" value={next} onValue={setNext} error={errors.next} hint="8 to 72 characters" type="password" autoComplete="new-password" />
          <InputField id="pw-confirm" label="Confirm new password" value={confirm} onValue={setConfirm} error={errors.confirm} type="password" autoComplete="new-password" />
          <BusyButton busy={action.busy} busyLabel="Saving…" testId="change-password-submit">
            Change password
          </BusyButton>
        </form>
      </Card>
    </>
  );
}
