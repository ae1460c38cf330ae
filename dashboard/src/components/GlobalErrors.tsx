import { Component, useSyncExternalStore, type ErrorInfo, type ReactNode } from 'react';
import {
  clearGlobalErrors,
  dismissGlobalError,
  getGlobalErrors,
  reportGlobalError,
  subscribeGlobalErrors,
} from '../lib/globalErrors';

/** A visible banner listing uncaught errors and unhandled promise rejections. */
export function GlobalErrorBanner() {
  const errors = useSyncExternalStore(subscribeGlobalErrors, getGlobalErrors, getGlobalErrors);
  if (errors.length === 0) return null;
  return (
    <div className="global-error" role="alert" data-testid="global-error-banner">
      <div className="global-error-inner">
        <strong>Something went wrong in the dashboard.</strong>
        <ul>
          {errors.map((e) => (
            <li key={e.id} data-testid="global-error-item">
              <span className="global-error-source">{e.source === 'unhandledrejection' ? 'Unhandled promise rejection' : e.source === 'render' ? 'Render error' : 'Error'}:</span>{' '}
              {e.message}
              <button type="button" className="btn-link" onClick={() => dismissGlobalError(e.id)} aria-label="Dismiss error">
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="global-error-actions">
          <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
            Reload page
          </button>
          <button type="button" className="btn btn-small" onClick={clearGlobalErrors}>
            Dismiss all
          </button>
        </div>
      </div>
    </div>
  );
}

/** Catches render errors of a subtree, reports them to the banner and shows a fallback. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportGlobalError(error, 'render');
    // Keep the stack visible for developers as well.
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="card" data-testid="render-error">
          <h2>This page failed to render</h2>
          <p className="muted">The error is shown above. Try another page or reload.</p>
        </div>
      );
    }
    return this.props.children;
  }
}
