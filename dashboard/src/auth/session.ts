// The dashboard's authentication state and the openapi-fetch middleware that uses it.
//
// - The access token lives only in this object (memory). It is never written to localStorage,
//   sessionStorage or a cookie; a reload signs back in through the HttpOnly refresh cookie
//   (`saas_refresh`) that the server sets on setup, login and refresh.
// - Every authenticated call carries `Authorization: Bearer <token>`. When one answers 401, the
//   middleware refreshes ONCE (concurrent refreshes share one in-flight promise) and retries the
//   call once with the new token. If the refresh fails, the session is over: state becomes
//   `signed_out` and the app shows the login page.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import type { AdminUser, LoginResult } from '../api/types';
import { ApiError, errorDetail, messageOf } from '../lib/errors';

export type ApiClient = Client<paths>;

export type AuthState =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed_out'; needsSetup: boolean; message?: string }
  | { status: 'signed_in'; user: AdminUser; expiresAt: string };

/** Endpoints that never carry the access token and never trigger a refresh on 401. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/health',
  '/health/ready',
  '/api/admin-users/setup/status',
  '/api/admin-users/setup',
  '/api/admin-users/login',
  '/api/admin-users/refresh',
]);

/**
 * Authenticated endpoints whose 401 is about a password in the body, not the token: the answer is
 * passed through as-is (no refresh, no retry, no sign-out). A token about to expire is still
 * refreshed before the call is sent.
 */
export const NO_RETRY_PATHS: ReadonlySet<string> = new Set(['/api/admin-users/me/change-password']);

export const SESSION_ENDED_MESSAGE = 'Your session has ended or was revoked. Please sign in again.';

/** Serializes refreshes across browser tabs (same cookie jar), so two tabs never present the same refresh token. */
export type RefreshLock = <T>(run: () => Promise<T>) => Promise<T>;

export interface AuthSessionOptions {
  /** '' in the browser: the API is on the same origin under /api. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Current time in ms (tests). */
  now?: () => number;
  /** Refresh this long before the token's expiry instead of waiting for a 401. */
  refreshSkewMs?: number;
  lock?: RefreshLock;
}

function defaultLock(): RefreshLock {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks && typeof locks.request === 'function') {
    return <T>(run: () => Promise<T>) => locks.request('saas-dashboard-refresh', run) as Promise<T>;
  }
  return (run) => run();
}

export class AuthSession {
  /** The generated client with the auth middleware: use it for every API call. */
  readonly api: ApiClient;
  /** The generated client without middleware: setup, login, refresh and setup status. */
  private readonly raw: ApiClient;

  private token: string | null = null;
  private expiresAtMs = 0;
  private state: AuthState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();
  private inflight: Promise<boolean> | null = null;
  private readonly sent = new Map<string, Request>();
  private readonly now: () => number;
  private readonly skew: number;
  private readonly lock: RefreshLock;
  /** Number of refresh calls that went to the server (tests, diagnostics). */
  refreshCount = 0;

  constructor(opts: AuthSessionOptions = {}) {
    const common = {
      baseUrl: opts.baseUrl ?? '',
      credentials: 'same-origin' as const,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    };
    this.raw = createClient<paths>(common);
    this.api = createClient<paths>(common);
    this.api.use(this.middleware);
    this.now = opts.now ?? (() => Date.now());
    this.skew = opts.refreshSkewMs ?? 10_000;
    this.lock = opts.lock ?? defaultLock();
  }

  // ------------------------------------------------------------------ state

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Whether an access token is held (never exposes the token itself). */
  hasToken(): boolean {
    return this.token !== null;
  }

  /** The signed-in user, if any. */
  get user(): AdminUser | null {
    return this.state.status === 'signed_in' ? this.state.user : null;
  }

  private setState(next: AuthState): void {
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  private accept(result: LoginResult): void {
    this.token = result.access_token;
    // Refresh ahead of expiry only when the expiry looks sane against the local clock; with a
    // skewed clock, rely on the 401 → refresh → retry path instead of refreshing every call.
    const exp = Date.parse(result.expires_at);
    const remaining = exp - this.now();
    this.expiresAtMs = Number.isNaN(exp) || remaining <= 2 * this.skew ? 0 : exp;
    this.setState({ status: 'signed_in', user: result.user, expiresAt: result.expires_at });
  }

  private clear(next: AuthState): void {
    this.token = null;
    this.expiresAtMs = 0;
    this.setState(next);
  }

  /** Replaces the signed-in user's profile (e.g. after GET /me). */
  updateUser(user: AdminUser): void {
    if (this.state.status === 'signed_in') this.setState({ ...this.state, user });
  }

  // ------------------------------------------------------------------ flows

  /** Page load: try the refresh cookie; otherwise decide between setup and login. */
  async init(): Promise<AuthState> {
    this.setState({ status: 'loading' });
    try {
      if (await this.refresh()) return this.state;
      const needsSetup = await this.fetchNeedsSetup();
      this.clear({ status: 'signed_out', needsSetup });
    } catch (err) {
      this.clear({ status: 'unreachable', message: messageOf(err) });
    }
    return this.state;
  }

  private async fetchNeedsSetup(): Promise<boolean> {
    const { data, error, response } = await this.raw.GET('/api/admin-users/setup/status');
    if (!data) throw new ApiError(response.status, errorDetail(error, response.status, response.statusText));
    return data.needs_setup;
  }

  /** POST /login. Throws ApiError with the server's detail on failure. */
  async login(email: string, password: string): Promise<AdminUser> {
    const { data, error, response } = await this.raw.POST('/api/admin-users/login', {
      body: { email, password },
    });
    if (!data) throw new ApiError(response.status, errorDetail(error, response.status, response.statusText));
    this.accept(data);
    return data.user;
  }

  /** POST /setup: creates the first owner and signs in. */
  async setup(email: string, displayName: string, password: string): Promise<AdminUser> {
    const { data, error, response } = await this.raw.POST('/api/admin-users/setup', {
      body: { email, display_name: displayName, password },
    });
    if (!data) throw new ApiError(response.status, errorDetail(error, response.status, response.statusText));
    this.accept(data);
    return data.user;
  }

  /** Re-reads GET /setup/status (e.g. when setup answers "already completed"). */
  async recheckSetup(): Promise<void> {
    const needsSetup = await this.fetchNeedsSetup();
    if (this.state.status !== 'signed_in') this.clear({ status: 'signed_out', needsSetup });
  }

  /**
   * POST /logout (revokes the session and clears the cookie), then forget everything in memory.
   * Local state is cleared even when the server call fails; the failure is rethrown.
   */
  async logout(): Promise<void> {
    try {
      const { error, response } = await this.api.POST('/api/admin-users/logout');
      // 401 means the session was already gone: nothing left to revoke.
      if (!response.ok && response.status !== 401) {
        throw new ApiError(response.status, errorDetail(error, response.status, response.statusText));
      }
    } finally {
      this.clear({ status: 'signed_out', needsSetup: false, message: 'You have been signed out.' });
    }
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one in-flight
   * request (the server rotates the refresh token and treats a reused one as theft).
   * Resolves true when signed in with a new token, false when the cookie was refused.
   * Rejects on network failure.
   */
  refresh(): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = this.lock(() => this.doRefresh()).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doRefresh(): Promise<boolean> {
    this.refreshCount++;
    const { data, response } = await this.raw.POST('/api/admin-users/refresh');
    if (response.ok && data) {
      this.accept(data);
      return true;
    }
    this.token = null;
    this.expiresAtMs = 0;
    return false;
  }

  /** The session is gone (refresh refused): back to the login page. */
  private lose(): void {
    if (this.state.status === 'signed_out' && !this.token) return;
    this.clear({ status: 'signed_out', needsSetup: false, message: SESSION_ENDED_MESSAGE });
  }

  // ------------------------------------------------------------------ middleware

  private readonly middleware: Middleware = {
    onRequest: async ({ request, schemaPath, id }) => {
      if (PUBLIC_PATHS.has(schemaPath)) return undefined;
      // Wait for a refresh that is already running rather than sending a stale token.
      if (this.inflight) await this.inflight.catch(() => false);
      // Refresh ahead of time when the token is about to expire.
      if (this.token && this.expiresAtMs > 0 && this.now() >= this.expiresAtMs - this.skew) {
        await this.refresh().catch(() => false);
      }
      if (this.token) request.headers.set('Authorization', `Bearer ${this.token}`);
      // Keep an unsent copy (with its body) in case the call has to be retried after a refresh.
      this.sent.set(id, request.clone());
      return request;
    },

    onResponse: async ({ response, schemaPath, id, options }) => {
      const copy = this.sent.get(id);
      this.sent.delete(id);
      if (response.status !== 401 || PUBLIC_PATHS.has(schemaPath) || NO_RETRY_PATHS.has(schemaPath) || !copy) {
        return undefined;
      }

      const sentAuth = copy.headers.get('Authorization');
      let ok: boolean;
      if (this.token && sentAuth !== `Bearer ${this.token}`) {
        // Another call already refreshed since this one was sent: just retry with the new token.
        ok = true;
      } else {
        ok = await this.refresh();
      }
      if (!ok || !this.token) {
        this.lose();
        return undefined;
      }
      copy.headers.set('Authorization', `Bearer ${this.token}`);
      const retried = await options.fetch(copy);
      if (retried.status === 401) {
        // A fresh token was refused too: the session or user is no longer valid.
        this.lose();
      }
      return retried;
    },

    onError: ({ id }) => {
      this.sent.delete(id);
      return undefined;
    },
  };
}
