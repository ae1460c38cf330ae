// Minimal hash router: routes look like "#/teams/acme-prod". Hash routing needs no server-side
// fallback, so the Go binary can serve dist/ as plain static files.
import { useEffect, useSyncExternalStore } from 'react';

export interface Route {
  name: string;
  params: Record<string, string>;
}

const PATTERNS: { name: string; pattern: string }[] = [
  { name: 'overview', pattern: '/' },
  { name: 'organizations', pattern: '/organizations' },
  { name: 'organization', pattern: '/organizations/:id' },
  { name: 'teams', pattern: '/teams' },
  { name: 'team', pattern: '/teams/:id' },
  { name: 'model-groups', pattern: '/model-groups' },
  { name: 'admin-users', pattern: '/admin-users' },
  { name: 'audit-log', pattern: '/audit-log' },
  { name: 'sessions', pattern: '/sessions' },
  { name: 'password', pattern: '/password' },
];

/** Path part of a hash ("#/teams/x?y=1" → "/teams/x"). */
export function hashPath(hash: string): string {
  let p = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = p.indexOf('?');
  if (q >= 0) p = p.slice(0, q);
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** Matches a path against the known routes; unknown paths give { name: 'not-found' }. */
export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  for (const { name, pattern } of PATTERNS) {
    const pp = pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pp.length; i++) {
      const seg = pp[i]!;
      const val = parts[i]!;
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(val);
        } catch {
          ok = false;
        }
      } else if (seg !== val) ok = false;
      if (!ok) break;
    }
    if (ok) return { name, params };
  }
  return { name: 'not-found', params: { path } };
}

/** Builds "#/teams/<id>" with the id encoded. */
export function href(path: string, ...params: string[]): string {
  let i = 0;
  const filled = path.replace(/:[a-z]+/gi, () => encodeURIComponent(params[i++] ?? ''));
  return `#${filled}`;
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return matchRoute(hashPath(hash));
}

/** Scrolls to the top whenever the route changes. */
export function useScrollTopOnRoute(route: Route): void {
  const key = `${route.name}:${JSON.stringify(route.params)}`;
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [key]);
}

/** Query part of a hash ("#/teams?organization=x" → URLSearchParams). */
export function hashQuery(hash: string): URLSearchParams {
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}
