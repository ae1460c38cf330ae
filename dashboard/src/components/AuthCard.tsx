import type { FormEvent, ReactNode } from 'react';

/** The centred, branded form of the signed-out screens (login, first-time setup). */
export function AuthCard({ title, testId, onSubmit, children }: { title: ReactNode; testId: string; onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  return (
    <div className="center-screen auth-screen">
      <form className="card auth-card" onSubmit={onSubmit} noValidate data-testid={testId}>
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true" /> Control Plane
        </div>
        <h1>{title}</h1>
        {children}
      </form>
    </div>
  );
}
