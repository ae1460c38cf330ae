import { useEffect, useState, type ReactNode } from 'react';
import { session } from '../api/client';
import { useCurrentUser } from '../auth/useAuth';
import { messageOf } from '../lib/errors';
import { reportGlobalError } from '../lib/globalErrors';
import { navItemsFor, ROLE_LABELS } from '../lib/permissions';
import type { Route } from '../lib/router';
import { Badge } from './ui';

const ACTIVE_FOR: Record<string, string> = {
  overview: '/',
  organizations: '/organizations',
  organization: '/organizations',
  teams: '/teams',
  team: '/teams',
  'model-groups': '/model-groups',
  'admin-users': '/admin-users',
  'audit-log': '/audit-log',
  sessions: '/sessions',
  password: '/password',
};

export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const user = useCurrentUser();
  const [navOpen, setNavOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const items = navItemsFor(user.role);
  const activePath = ACTIVE_FOR[route.name];

  // Close the mobile menu after navigating.
  useEffect(() => setNavOpen(false), [route.name, route.params.id]);

  async function logout() {
    setLoggingOut(true);
    try {
      await session.logout();
    } catch (err) {
      // Local state is already cleared; tell the user the server may still hold the session.
      reportGlobalError(new Error(`Signed out locally, but the server answered: ${messageOf(err)}`), 'error');
    }
  }

  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="nav-toggle"
          aria-label="Toggle navigation"
          aria-expanded={navOpen}
          aria-controls="sidenav"
          data-testid="nav-toggle"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span />
          <span />
          <span />
        </button>
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true" />
          Control Plane
        </a>
        <div className="topbar-user">
          <span className="user-name" data-testid="current-user" title={user.email}>
            {user.display_name}
          </span>
          <Badge tone={user.role === 'owner' ? 'blue' : user.role === 'admin' ? 'amber' : 'neutral'} testId="current-role">
            {user.role}
          </Badge>
          <button type="button" className="btn btn-small" onClick={() => void logout()} disabled={loggingOut} data-testid="logout">
            {loggingOut ? 'Signing out…' : 'Log out'}
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="sidenav" className={`sidenav ${navOpen ? 'open' : ''}`} aria-label="Main" data-testid="sidenav">
          <ul>
            {items.map((item) => (
              <li key={item.path}>
                <a
                  href={`#${item.path}`}
                  data-testid={item.testId}
                  className={activePath === item.path ? 'active' : undefined}
                  aria-current={activePath === item.path ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
          <div className="sidenav-footer muted">
            Signed in as <span className="mono">{user.email}</span>
            <br />
            {ROLE_LABELS[user.role]}
          </div>
        </nav>
        {navOpen && <div className="nav-backdrop" onClick={() => setNavOpen(false)} aria-hidden="true" />}
        <main className="content" data-testid={`page-${route.name}`}>
          {children}
        </main>
      </div>
    </div>
  );
}
