// Which controls a signed-in user sees. The server enforces the same rules (x-permission in
// openapi.yaml); hiding controls here only avoids offering actions that would answer 403.
import type { Role } from '../api/types';

export interface Actor {
  user_id: string;
  role: Role;
}

export interface Target {
  user_id: string;
  role: Role;
}

/** `write`: create/change organizations, teams, model groups; add credits. */
export function canWrite(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** `audit`: the audit log. */
export function canViewAudit(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** `manage_users`: the admin users page (list and create). */
export function canManageUsers(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** Roles the actor may give to a new or existing user. */
export function assignableRoles(role: Role | undefined): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'user'];
  if (role === 'admin') return ['user'];
  return [];
}

/**
 * Whether the actor may modify (rename, change role, deactivate, reactivate) the target.
 * Nobody modifies themselves here; owners manage everyone else; admins only `user` targets.
 */
export function canModifyUser(actor: Actor | null | undefined, target: Target): boolean {
  if (!actor) return false;
  if (actor.user_id === target.user_id) return false;
  if (actor.role === 'owner') return true;
  if (actor.role === 'admin') return target.role === 'user';
  return false;
}

/** Whether the actor may change the target's role (there must be another role to pick). */
export function canChangeRole(actor: Actor | null | undefined, target: Target): boolean {
  if (!canModifyUser(actor, target)) return false;
  return assignableRoles(actor?.role).some((r) => r !== target.role);
}

export interface NavItem {
  path: string;
  label: string;
  testId: string;
}

const NAV: (NavItem & { visible: (role: Role) => boolean })[] = [
  { path: '/', label: 'Overview', testId: 'nav-overview', visible: () => true },
  { path: '/organizations', label: 'Organizations', testId: 'nav-organizations', visible: () => true },
  { path: '/teams', label: 'Teams', testId: 'nav-teams', visible: () => true },
  { path: '/model-groups', label: 'Model groups', testId: 'nav-model-groups', visible: () => true },
  { path: '/admin-users', label: 'Admin users', testId: 'nav-admin-users', visible: canManageUsers },
  { path: '/audit-log', label: 'Audit log', testId: 'nav-audit-log', visible: canViewAudit },
  { path: '/sessions', label: 'My sessions', testId: 'nav-sessions', visible: () => true },
  { path: '/password', label: 'Change password', testId: 'nav-password', visible: () => true },
];

/** Navigation entries visible to a role. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.visible(role)).map(({ path, label, testId }) => ({ path, label, testId }));
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  user: 'User (read-only)',
};
