import { useState, type FormEvent } from 'react';
import { session } from '../api/client';
import { ErrorAlert, Field, Notice } from '../components/ui';
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
    <div className="center-screen auth-screen">
      <form className="card auth-card" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true" /> Control Plane
        </div>
        <h1>Sign in</h1>
        {message && (
          <Notice kind="info" testId="login-message">
            {message}
          </Notice>
        )}
        <ErrorAlert error={action.error} testId="login-error" />
        <Field label="Email" htmlFor="login-email" error={errors.email}>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
            autoFocus
          />
        </Field>
        <Field label="Password" htmlFor="login-password" error={errors.password}>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={action.busy} data-testid="login-submit">
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
