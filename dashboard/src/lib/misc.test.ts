import { describe, expect, it } from 'vitest';
import { ApiError, errorDetail, messageOf, unwrap } from './errors';
import { newIdempotencyKey, SubmissionKeys } from './ids';
import { hasNextPage, totalFromHeaders } from './paging';
import { hashPath, hashQuery, href, matchRoute } from './router';
import { clearGlobalErrors, getGlobalErrors, installGlobalErrorHandlers, reportGlobalError } from './globalErrors';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('errors', () => {
  it('errorDetail reads {detail}', () => {
    expect(errorDetail({ detail: 'Email already registered' })).toBe('Email already registered');
    expect(errorDetail({ detail: [{ loc: ['body', 'credits'], msg: 'too big' }] })).toBe('body.credits: too big');
    expect(errorDetail({ title: 'Bad Request' })).toBe('Bad Request');
    expect(errorDetail('plain text')).toBe('plain text');
    expect(errorDetail(undefined, 502, 'Bad Gateway')).toBe('Request failed with status 502 Bad Gateway');
    expect(errorDetail(undefined)).toBe('Request failed');
  });
  it('unwrap returns data or throws ApiError with the detail', async () => {
    const ok = { data: [1], response: new Response('[1]', { status: 200 }) };
    await expect(unwrap(Promise.resolve(ok))).resolves.toEqual([1]);
    const bad = { error: { detail: 'Team not found' }, response: new Response('', { status: 404 }) };
    await expect(unwrap(Promise.resolve(bad))).rejects.toEqual(new ApiError(404, 'Team not found'));
  });
  it('messageOf', () => {
    expect(messageOf(new ApiError(400, 'nope'))).toBe('nope');
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/Network error/);
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('str')).toBe('str');
    expect(messageOf({ a: 1 })).toBe('{"a":1}');
  });
});

describe('idempotency keys', () => {
  it('uses crypto.randomUUID when present', () => {
    expect(newIdempotencyKey({ randomUUID: () => 'fixed', getRandomValues: (a) => a })).toBe('fixed');
  });
  it('falls back to getRandomValues (plain http)', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => globalThis.crypto.getRandomValues(a as unknown as Uint8Array) as unknown as T });
    expect(key).toMatch(UUID_V4);
  });
  it('one key per submission; reused only to retry the same unanswered body', () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `k${++n}`);
    expect(keys.keyFor({ credits: 5 })).toBe('k1');
    // No answer (network error): the retry of the same body keeps the key.
    expect(keys.keyFor({ credits: 5 })).toBe('k1');
    // A different body is a different submission.
    expect(keys.keyFor({ credits: 6 })).toBe('k2');
    keys.settled();
    // After an answer, the same body again is a new submission.
    expect(keys.keyFor({ credits: 6 })).toBe('k3');
  });
});

describe('paging', () => {
  it('totalFromHeaders', () => {
    expect(totalFromHeaders(new Headers({ 'X-Total-Count': '42' }))).toBe(42);
    expect(totalFromHeaders(new Headers())).toBeNull();
    expect(totalFromHeaders(new Headers({ 'X-Total-Count': 'abc' }))).toBeNull();
    expect(totalFromHeaders(new Headers({ 'X-Total-Count': '-1' }))).toBeNull();
  });
  it('hasNextPage', () => {
    expect(hasNextPage(0, 50, 50, 120)).toBe(true);
    expect(hasNextPage(100, 20, 50, 120)).toBe(false);
    expect(hasNextPage(0, 50, 50, null)).toBe(true);
    expect(hasNextPage(0, 10, 50, null)).toBe(false);
  });
});

describe('router', () => {
  it('parses hash paths', () => {
    expect(hashPath('')).toBe('/');
    expect(hashPath('#/')).toBe('/');
    expect(hashPath('#/teams/')).toBe('/teams');
    expect(hashPath('#/teams?organization=x')).toBe('/teams');
  });
  it('matches routes with params', () => {
    expect(matchRoute('/')).toEqual({ name: 'overview', params: {} });
    expect(matchRoute('/teams/acme.prod_1')).toEqual({ name: 'team', params: { id: 'acme.prod_1' } });
    expect(matchRoute('/organizations/a%2Fb')).toEqual({ name: 'organization', params: { id: 'a/b' } });
    expect(matchRoute('/nope').name).toBe('not-found');
  });
  it('builds hrefs with encoded params', () => {
    expect(href('/teams/:id', 'a b')).toBe('#/teams/a%20b');
    expect(hashQuery('#/teams?organization=acme').get('organization')).toBe('acme');
  });
});

describe('global error banner store', () => {
  it('collects uncaught errors and unhandled rejections from window events', () => {
    clearGlobalErrors();
    const target = new EventTarget() as unknown as Window;
    const uninstall = installGlobalErrorHandlers(target);
    const err = Object.assign(new Event('error'), { error: new Error('kaboom'), message: 'kaboom' });
    target.dispatchEvent(err);
    const rej = Object.assign(new Event('unhandledrejection'), { reason: new Error('rejected!') });
    target.dispatchEvent(rej);
    expect(getGlobalErrors().map((e) => [e.source, e.message])).toEqual([
      ['error', 'kaboom'],
      ['unhandledrejection', 'rejected!'],
    ]);
    uninstall();
    target.dispatchEvent(rej);
    expect(getGlobalErrors()).toHaveLength(2);
  });
  it('keeps at most five entries', () => {
    clearGlobalErrors();
    for (let i = 0; i < 8; i++) reportGlobalError(new Error(`e${i}`), 'error');
    expect(getGlobalErrors().map((e) => e.message)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    clearGlobalErrors();
  });
});
