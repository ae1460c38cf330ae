import { useState, type Dispatch, type InputHTMLAttributes, type ReactNode, type SetStateAction } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" data-testid="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children, testId = 'empty' }: { children: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      {children}
    </div>
  );
}

/** An API error, shown with the server's `detail`. */
export function ErrorAlert({
  error,
  testId = 'error',
  onRetry,
}: {
  error: string | null | undefined;
  testId?: string;
  onRetry?: () => void;
}) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <span className="alert-text">{error}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Notice({
  children,
  kind = 'success',
  testId,
  onDismiss,
}: {
  children: ReactNode;
  kind?: 'success' | 'info' | 'warning';
  testId?: string;
  onDismiss?: () => void;
}) {
  return (
    <div className={`alert alert-${kind}`} role="status" data-testid={testId}>
      <span className="alert-text">{children}</span>
      {onDismiss && (
        <button type="button" className="btn-link" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

/** `message` as a dismissible success notice; nothing while it is empty. */
export function DismissibleNotice({ message, testId, onDismiss }: { message: ReactNode; testId: string; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <Notice testId={testId} onDismiss={onDismiss}>
      {message}
    </Notice>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 data-testid="page-title">{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export function Card({
  title,
  children,
  actions,
  testId,
  className = '',
}: {
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section className={`card ${className}`} data-testid={testId}>
      {(title || actions) && (
        <div className="card-header">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: ReactNode;
  htmlFor: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && !error && <div className="field-hint">{hint}</div>}
      {error && (
        <div className="field-error" data-testid={`field-error-${htmlFor}`} id={`${htmlFor}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** A `Field` around a single text input whose id is `id` and whose data-testid is `testId` (default: `id`). */
export function InputField({
  id,
  label,
  value,
  onValue,
  error,
  hint,
  testId = id,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  error?: string | null | undefined;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <input id={id} value={value} onChange={(e) => onValue(e.target.value)} data-testid={testId} {...input} />
    </Field>
  );
}

/** A submit button (or, with `onClick`, a plain button), disabled and showing `busyLabel` while `busy`. */
export function BusyButton({
  busy,
  busyLabel,
  children,
  testId,
  className = 'btn btn-primary',
  onClick,
}: {
  busy: boolean;
  busyLabel: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
  onClick?: () => void;
}) {
  return (
    <button type={onClick ? 'button' : 'submit'} className={className} onClick={onClick} disabled={busy} data-testid={testId}>
      {busy ? busyLabel : children}
    </button>
  );
}

/** The page-header button that opens and closes a "new …" form. */
export function FormToggle({ open, setOpen, label, testId }: { open: boolean; setOpen: Dispatch<SetStateAction<boolean>>; label: ReactNode; testId: string }) {
  return (
    <button type="button" className="btn btn-primary" onClick={() => setOpen((o) => !o)} data-testid={testId}>
      {open ? 'Close' : label}
    </button>
  );
}

/** One figure of a `stats` row. */
export function StatTile({ label, value, testId }: { label: ReactNode; value: ReactNode; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function Badge({ children, tone = 'neutral', testId }: { children: ReactNode; tone?: 'neutral' | 'green' | 'red' | 'blue' | 'amber'; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone = status === 'active' ? 'green' : status === 'suspended' || status === 'inactive' ? 'red' : 'neutral';
  return <Badge tone={tone}>{status}</Badge>;
}

/** Horizontal-scrolling wrapper for tables on narrow screens. */
export function TableWrap({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="table-wrap" data-testid={testId}>
      {children}
    </div>
  );
}

/** A header cell: its text, `{ num: text }` for a right-aligned numeric column, or false to leave it out. */
export type Column = string | { num: string } | false;

/** A table in a `TableWrap`: one header row made from `columns`, then `children` (the body rows). */
export function DataTable({ columns, testId, children }: { columns: Column[]; testId?: string; children: ReactNode }) {
  return (
    <TableWrap testId={testId}>
      <table className="table">
        <thead>
          <tr>
            {columns.map((c, i) =>
              c === false ? null : typeof c === 'string' ? (
                <th key={i}>{c}</th>
              ) : (
                <th key={i} className="num">
                  {c.num}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}

/** A button that asks for confirmation inline before running `onConfirm`. */
export function ConfirmButton({
  label,
  confirmLabel = 'Confirm',
  question,
  onConfirm,
  busy,
  danger = true,
  testId,
  small = true,
}: {
  label: ReactNode;
  confirmLabel?: ReactNode;
  question: ReactNode;
  onConfirm: () => void | Promise<unknown>;
  busy?: boolean;
  danger?: boolean;
  testId?: string;
  small?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const size = small ? 'btn-small' : '';
  if (!asking) {
    return (
      <button
        type="button"
        className={`btn ${size} ${danger ? 'btn-danger-outline' : ''}`}
        onClick={() => setAsking(true)}
        disabled={busy}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm action">
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={`btn ${size} ${danger ? 'btn-danger' : 'btn-primary'}`}
        disabled={busy}
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={() => {
          setAsking(false);
          void Promise.resolve(onConfirm());
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={`btn ${size}`} onClick={() => setAsking(false)} data-testid={testId ? `${testId}-cancel` : undefined}>
        Cancel
      </button>
    </span>
  );
}
