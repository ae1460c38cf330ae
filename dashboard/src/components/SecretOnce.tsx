import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(ta);
  return ok;
}

/**
 * Shows a secret (a team's virtual key) exactly once. The value lives only in the state of the
 * page that received it; leaving the page forgets it.
 */
export function SecretOnce({
  title,
  secret,
  children,
  onDone,
  testId = 'secret-once',
}: {
  title: string;
  secret: string;
  children?: React.ReactNode;
  onDone: () => void;
  testId?: string;
}) {
  const [copied, setCopied] = useState<'idle' | 'ok' | 'failed'>('idle');
  return (
    <div className="secret-once" data-testid={testId} role="region" aria-label={title}>
      <h3>{title}</h3>
      <p className="secret-warning" data-testid="secret-warning">
        <strong>Copy this key now.</strong> It will not be shown again: only a masked prefix is kept.
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="virtual-key">
          {secret}
        </code>
        <button
          type="button"
          className="btn btn-primary btn-small"
          data-testid="copy-key"
          onClick={() => {
            void copyText(secret).then((ok) => setCopied(ok ? 'ok' : 'failed'));
          }}
        >
          {copied === 'ok' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'failed' && <p className="field-error">Copy failed; select the key and copy it manually.</p>}
      {children}
      <button type="button" className="btn btn-small" onClick={onDone} data-testid="secret-done">
        I have stored the key
      </button>
    </div>
  );
}
