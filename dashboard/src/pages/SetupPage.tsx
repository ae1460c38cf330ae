import { useState, type FormEvent } from 'react';
import { session } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { BusyButton, ErrorAlert, InputField } from '../components/ui';
import { ApiError } from '../lib/errors';
import { useAction } from '../lib/hooks';
import { validateNewUser, validatePasswordConfirm } from '../lib/validators';

export function SetupPage() {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = { ...validateNewUser(email, name, password), confirm: validatePasswordConfirm(password, confirm) };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    await action.run(async () => {
      try {
        await session.setup(email, name, password);
      } catch (err) {
        // Someone else finished setup meanwhile: switch to the login page.
        if (err instanceof ApiError && err.status === 400) await session.recheckSetup().catch(() => undefined);
        throw err;
      }
    });
  }

  return (
    <AuthCard title="First-time setup" testId="setup-form" onSubmit={(e) => void submit(e)}>
      <p className="muted">Create the owner account. The owner can then invite admins and users.</p>
      <ErrorAlert error={action.error} testId="setup-error" />
      <InputField id="setup-email" label="Email" value={email} onValue={setEmail} error={errors.email} type="email" autoComplete="username" autoFocus />
      <InputField id="setup-name" label="Display name" value={name} onValue={setName} error={errors.name} type="text" autoComplete="name" maxLength={200} />
      <InputField id="setup-password" label="Password" value={password} onValue={setPassword} error={errors.password} hint="8 to 72 characters" type="password" autoComplete="new-password" />
      <InputField id="setup-confirm" label="Confirm password" value={confirm} onValue={setConfirm} error={errors.confirm} type="password" autoComplete="new-password" />
      <BusyButton busy={action.busy} busyLabel="Creating…" className="btn btn-primary btn-block" testId="setup-submit">
        Create owner account
      </BusyButton>
    </AuthCard>
  );
}
