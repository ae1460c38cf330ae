import { describe, expect, it, vi } from 'vitest';
import { AuthSession, SESSION_ENDED_MESSAGE } from './session';
import { ApiError, unwrap } from '../lib/errors';

const BASE = 'http://dashboard.test';

const user = {
  user_id: '11111111-1111-4111-8111-111111111111',
  email: 'owner@example.com',
  display_name: 'Owner',
  role: 'owner' as const,
  is_active: true,
  created_at: '2025-01-01T00:00:00Z',
  created_by: null,
  last_login: null,
  metadata: {},
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * A tiny in-memory server: access tokens, a rotating refresh cookie with reuse detection, and a
 * few endpoints. The "browser cookie jar" is `jar`.
 */
function fakeServer(opts: { needsSetup?: boolean; refreshDelayMs?: number } = {}) {
  let seq = 0;
  const validTokens = new Set<string>();
  let currentRefresh: string | null = null;
  const usedRefresh = new Set<string>();
  let jar: string | null = null;
  let sessionRevoked = false;
  const calls: { method: string; path: string; auth: string | null; body: string }[] = [];

  function issue(): Response {
    const token = `tok-${++seq}`;
    validTokens.add(token);
    currentRefresh = `rt-${seq}`;
    jar = currentRefresh;
    return json(200, {
      access_token: token,
      token_type: 'bearer',
      expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
      user,
    });
  }

  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const body = req.method === 'GET' ? '' : await req.text();
    const auth = req.headers.get('Authorization');
    calls.push({ method: req.method, path: url.pathname, auth, body });
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    const authed = bearer !== null && validTokens.has(bearer) && !sessionRevoked;
    const unauthorized = () => json(401, { detail: 'Not authenticated' }, { 'WWW-Authenticate': 'Bearer' });

    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/admin-users/setup/status':
        return json(200, { needs_setup: !!opts.needsSetup, has_users: !opts.needsSetup });
      case 'POST /api/admin-users/login': {
        const b = JSON.parse(body) as { email: string; password: string };
        if (b.password !== 'TestPassword123!') return json(401, { detail: 'Invalid email or password' });
        sessionRevoked = false;
        return issue();
      }
      case 'POST /api/admin-users/refresh': {
        if (opts.refreshDelayMs) await new Promise((r) => setTimeout(r, opts.refreshDelayMs));
        const presented = jar;
        if (!presented || sessionRevoked) return json(401, { detail: 'Session expired or revoked' });
        if (usedRefresh.has(presented)) {
          sessionRevoked = true;
          jar = null;
          return json(401, { detail: 'Session expired or revoked' });
        }
        if (presented !== currentRefresh) return json(401, { detail: 'Session expired or revoked' });
        usedRefresh.add(presented);
        return issue();
      }
      case 'POST /api/admin-users/logout':
        if (!authed) return unauthorized();
        sessionRevoked = true;
        jar = null;
        return json(200, { message: 'Logged out successfully' });
      case 'POST /api/admin-users/me/change-password':
        if (!authed) return unauthorized();
        return json(401, { detail: 'Current password is incorrect' }, { 'WWW-Authenticate': 'Bearer' });
      case 'GET /api/teams':
        if (!authed) return unauthorized();
        return json(200, []);
      case 'POST /api/organizations/create':
        if (!authed) return unauthorized();
        return json(200, { ...JSON.parse(body), status: 'active' });
      default:
        return json(404, { detail: 'Not Found' });
    }
  });

  return {
    fetch: fetchImpl as unknown as typeof fetch,
    calls,
    /** Invalidate every access token (as if they expired) while the refresh cookie stays valid. */
    expireAccessTokens: () => validTokens.clear(),
    revokeSession: () => {
      sessionRevoked = true;
    },
    get jar() {
      return jar;
    },
    set jar(v: string | null) {
      jar = v;
    },
    refreshCalls: () => calls.filter((c) => c.path === '/api/admin-users/refresh').length,
  };
}

function newSession(server: ReturnType<typeof fakeServer>) {
  return new AuthSession({ baseUrl: BASE, fetch: server.fetch, lock: (run) => run() });
}

describe('AuthSession', () => {
  it('starts signed in on page load when the refresh cookie is valid', async () => {
    const server = fakeServer();
    server.jar = null;
    const s1 = newSession(server);
    await s1.login('owner@example.com', 'TestPassword123!');
    // A "reload": a new in-memory session with the same cookie jar.
    const s2 = newSession(server);
    const state = await s2.init();
    expect(state.status).toBe('signed_in');
    expect(s2.hasToken()).toBe(true);
    const teams = await unwrap(s2.api.GET('/api/teams'));
    expect(teams).toEqual([]);
    const last = server.calls.at(-1)!;
    expect(last.auth).toMatch(/^Bearer tok-/);
  });

  it('shows login (not setup) when there is no cookie and users exist', async () => {
    const server = fakeServer();
    const s = newSession(server);
    const state = await s.init();
    expect(state).toEqual({ status: 'signed_out', needsSetup: false });
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/admin-users/refresh',
      '/api/admin-users/setup/status',
    ]);
  });

  it('shows setup when the server says needs_setup', async () => {
    const server = fakeServer({ needsSetup: true });
    const s = newSession(server);
    expect(await s.init()).toEqual({ status: 'signed_out', needsSetup: true });
  });

  it('reports an unreachable server on page load', async () => {
    const s = new AuthSession({
      baseUrl: BASE,
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
      lock: (run) => run(),
    });
    const state = await s.init();
    expect(state.status).toBe('unreachable');
  });

  it('does not send the token to public endpoints', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    await s.api.GET('/api/admin-users/setup/status');
    expect(server.calls.at(-1)!.auth).toBeNull();
  });

  it('login failure throws the server detail and stays signed out', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.init();
    await expect(s.login('owner@example.com', 'wrong')).rejects.toEqual(
      new ApiError(401, 'Invalid email or password'),
    );
    expect(s.getState().status).toBe('signed_out');
    expect(server.refreshCalls()).toBe(1); // only the page-load one
  });

  it('on 401 refreshes once and retries the call with the new token and the same body', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    server.expireAccessTokens();
    const org = await unwrap(
      s.api.POST('/api/organizations/create', { body: { organization_id: 'acme', name: 'Acme' } }),
    );
    expect(org).toMatchObject({ organization_id: 'acme', name: 'Acme' });
    const creates = server.calls.filter((c) => c.path === '/api/organizations/create');
    expect(creates).toHaveLength(2);
    expect(creates[0]!.auth).not.toEqual(creates[1]!.auth);
    expect(JSON.parse(creates[1]!.body)).toEqual({ organization_id: 'acme', name: 'Acme' });
    expect(server.refreshCalls()).toBe(1);
    expect(s.getState().status).toBe('signed_in');
  });

  it('deduplicates concurrent refreshes into a single request', async () => {
    const server = fakeServer({ refreshDelayMs: 20 });
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    server.expireAccessTokens();
    const results = await Promise.all([
      unwrap(s.api.GET('/api/teams')),
      unwrap(s.api.GET('/api/teams')),
      unwrap(s.api.GET('/api/teams')),
      unwrap(s.api.POST('/api/organizations/create', { body: { organization_id: 'o1', name: 'O' } })),
    ]);
    expect(results).toHaveLength(4);
    // Without deduplication the second refresh would reuse the rotated token and revoke the session.
    expect(server.refreshCalls()).toBe(1);
    expect(s.getState().status).toBe('signed_in');
  });

  it('direct concurrent refresh() calls share one promise', async () => {
    const server = fakeServer({ refreshDelayMs: 10 });
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    const [a, b, c] = await Promise.all([s.refresh(), s.refresh(), s.refresh()]);
    expect([a, b, c]).toEqual([true, true, true]);
    expect(server.refreshCalls()).toBe(1);
    expect(s.refreshCount).toBe(1);
  });

  it('goes to login when the refresh fails, without retrying', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    const states: string[] = [];
    s.subscribe(() => states.push(s.getState().status));
    server.revokeSession();
    await expect(unwrap(s.api.GET('/api/teams'))).rejects.toMatchObject({ status: 401 });
    expect(server.calls.filter((c) => c.path === '/api/teams')).toHaveLength(1);
    expect(server.refreshCalls()).toBe(1);
    expect(s.getState()).toEqual({ status: 'signed_out', needsSetup: false, message: SESSION_ENDED_MESSAGE });
    expect(states).toContain('signed_out');
    expect(s.hasToken()).toBe(false);
  });

  it('a refused retry signs out instead of looping', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    // Every access token is refused, even fresh ones.
    const origFetch = server.fetch;
    const fetchAlways401: typeof fetch = async (input, init) => {
      const req = input instanceof Request ? input : new Request(input, init);
      if (new URL(req.url).pathname === '/api/teams') {
        return json(401, { detail: 'Not authenticated' });
      }
      return origFetch(input, init);
    };
    const s2 = new AuthSession({ baseUrl: BASE, fetch: fetchAlways401, lock: (run) => run() });
    await s2.init();
    expect(s2.getState().status).toBe('signed_in');
    const { response } = await s2.api.GET('/api/teams');
    expect(response.status).toBe(401);
    expect(s2.getState().status).toBe('signed_out');
  });

  it('does not refresh again when another call already refreshed', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    server.expireAccessTokens();
    await unwrap(s.api.GET('/api/teams')); // refreshes
    expect(server.refreshCalls()).toBe(1);
    await unwrap(s.api.GET('/api/teams')); // new token works: no refresh
    expect(server.refreshCalls()).toBe(1);
  });

  it('passes a change-password 401 through without refreshing or signing out', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    await expect(
      unwrap(
        s.api.POST('/api/admin-users/me/change-password', {
          body: { current_password: 'nope', new_password: 'NewPassword123!' },
        }),
      ),
    ).rejects.toEqual(new ApiError(401, 'Current password is incorrect'));
    expect(server.refreshCalls()).toBe(0);
    expect(s.getState().status).toBe('signed_in');
  });

  it('refreshes ahead of time when the token is about to expire', async () => {
    const server = fakeServer();
    let now = Date.now();
    const s = new AuthSession({ baseUrl: BASE, fetch: server.fetch, lock: (run) => run(), now: () => now });
    await s.login('owner@example.com', 'TestPassword123!');
    now += 15 * 60_000; // past expires_at
    await unwrap(s.api.GET('/api/teams'));
    expect(server.refreshCalls()).toBe(1);
    expect(server.calls.filter((c) => c.path === '/api/teams')).toHaveLength(1);
  });

  it('does not refresh on every call when the local clock is far ahead of the server', async () => {
    const server = fakeServer();
    const now = Date.now() + 2 * 3600_000; // client clock two hours ahead
    const s = new AuthSession({ baseUrl: BASE, fetch: server.fetch, lock: (run) => run(), now: () => now });
    await s.login('owner@example.com', 'TestPassword123!');
    await unwrap(s.api.GET('/api/teams'));
    await unwrap(s.api.GET('/api/teams'));
    expect(server.refreshCalls()).toBe(0);
  });

  it('logout revokes on the server and clears memory', async () => {
    const server = fakeServer();
    const s = newSession(server);
    await s.login('owner@example.com', 'TestPassword123!');
    await s.logout();
    expect(s.hasToken()).toBe(false);
    expect(s.getState()).toMatchObject({ status: 'signed_out', needsSetup: false });
    expect(server.jar).toBeNull();
    // A reload after logout shows the login page.
    const s2 = newSession(server);
    expect((await s2.init()).status).toBe('signed_out');
  });

  it('logout clears memory even if the server cannot be reached', async () => {
    const server = fakeServer();
    let offline = false;
    const f: typeof fetch = (input, init) =>
      offline ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(input, init);
    const s = new AuthSession({ baseUrl: BASE, fetch: f, lock: (run) => run() });
    await s.login('owner@example.com', 'TestPassword123!');
    offline = true;
    await expect(s.logout()).rejects.toThrow('Failed to fetch');
    expect(s.hasToken()).toBe(false);
    expect(s.getState().status).toBe('signed_out');
  });

  it('uses the cross-tab lock around refreshes', async () => {
    const server = fakeServer();
    let locked = 0;
    const lock = <T,>(run: () => Promise<T>): Promise<T> => {
      locked++;
      return run();
    };
    const s = new AuthSession({ baseUrl: BASE, fetch: server.fetch, lock });
    await s.init();
    expect(locked).toBe(1);
  });

  it('never stores the token in web storage', async () => {
    const setItem = vi.fn();
    const g = globalThis as Record<string, unknown>;
    g.localStorage = { setItem, getItem: vi.fn(), removeItem: vi.fn() };
    g.sessionStorage = { setItem, getItem: vi.fn(), removeItem: vi.fn() };
    try {
      const server = fakeServer();
      const s = newSession(server);
      await s.login('owner@example.com', 'TestPassword123!');
      await s.refresh();
      await unwrap(s.api.GET('/api/teams'));
      expect(setItem).not.toHaveBeenCalled();
      expect(JSON.stringify(s.getState())).not.toContain('tok-');
    } finally {
      delete g.localStorage;
      delete g.sessionStorage;
    }
  });
});
