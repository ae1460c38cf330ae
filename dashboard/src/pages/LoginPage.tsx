import { useState, type FormEvent } from 'react';
import { session } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { BusyButton, ErrorAlert, InputField, Notice } from '../components/ui';
import { useAction } from '../lib/hooks';
import { validateEmail, validateLoginPassword } from '../lib/validators';

export function LoginPage({ message }: { message?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email: string | null; password: string | null }>({ email: null, password: null });
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = { email: validateEmail(email), password: validateLoginPassword(password) };
    setErrors(next);
    if (next.email || next.password) return;
    await action.run(() => session.login(email, password));
  }

  return (
    <AuthCard title="Sign in" testId="login-form" onSubmit={(e) => void submit(e)}>
      {message && (
        <Notice kind="info" testId="login-message">
          {message}
        </Notice>
      )}
      <ErrorAlert error={action.error} testId="login-error" />
      <InputField id="login-email" label="Email" value={email} onValue={setEmail} error={errors.email} type="email" autoComplete="username" autoFocus />
      <InputField id="login-password" label="Password" value={password} onValue={setPassword} error={errors.password} type="password" autoComplete="current-password" />
      <BusyButton busy={action.busy} busyLabel="Signing in…" className="btn btn-primary btn-block" testId="login-submit">
        Sign in
      </BusyButton>
    </AuthCard>
  );
}
