import { useState, type FormEvent } from 'react';
import { session } from '../api/client';
import { ErrorAlert, Field } from '../components/ui';
import { ApiError } from '../lib/errors';
import { useAction } from '../lib/hooks';
import { validateDisplayName, validateEmail, validatePassword, validatePasswordConfirm } from '../lib/validators';

export function SetupPage() {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      email: validateEmail(email),
      name: validateDisplayName(name, 'Display name'),
      password: validatePassword(password),
      confirm: validatePasswordConfirm(password, confirm),
    };
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
    <div className="center-screen auth-screen">
      <form className="card auth-card" onSubmit={(e) => void submit(e)} noValidate data-testid="setup-form">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true" /> Control Plane
        </div>
        <h1>First-time setup</h1>
        <p className="muted">Create the owner account. The owner can then invite admins and users.</p>
        <ErrorAlert error={action.error} testId="setup-error" />
        <Field label="Email" htmlFor="setup-email" error={errors.email}>
          <input id="setup-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="setup-email" autoFocus />
        </Field>
        <Field label="Display name" htmlFor="setup-name" error={errors.name}>
          <input id="setup-name" type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} data-testid="setup-name" maxLength={200} />
        </Field>
        <Field label="Password" htmlFor="setup-password" error={errors.password} hint="8 to 72 characters">
          <input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="setup-password" />
        </Field>
        <Field label="Confirm password" htmlFor="setup-confirm" error={errors.confirm}>
          <input id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="setup-confirm" />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={action.busy} data-testid="setup-submit">
          {action.busy ? 'Creating…' : 'Create owner account'}
        </button>
      </form>
    </div>
  );
}
