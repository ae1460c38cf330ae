import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { assignableRoles, canChangeRole, canManageUsers, canModifyUser, canViewAudit, canWrite, navItemsFor } from './permissions';

const actor = (role: Role, id = 'me') => ({ user_id: id, role });
const target = (role: Role, id = 'other') => ({ user_id: id, role });

describe('role-based control visibility', () => {
  it('write controls: owner and admin only', () => {
    expect(canWrite('owner')).toBe(true);
    expect(canWrite('admin')).toBe(true);
    expect(canWrite('user')).toBe(false);
    expect(canWrite(undefined)).toBe(false);
  });
  it('audit log and user management: owner and admin only', () => {
    for (const f of [canViewAudit, canManageUsers]) {
      expect(f('owner')).toBe(true);
      expect(f('admin')).toBe(true);
      expect(f('user')).toBe(false);
    }
  });
  it('assignable roles', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'user']);
    expect(assignableRoles('admin')).toEqual(['user']);
    expect(assignableRoles('user')).toEqual([]);
  });
  it('owner manages everyone except themselves', () => {
    expect(canModifyUser(actor('owner'), target('owner'))).toBe(true);
    expect(canModifyUser(actor('owner'), target('admin'))).toBe(true);
    expect(canModifyUser(actor('owner'), target('user'))).toBe(true);
    expect(canModifyUser(actor('owner', 'me'), target('owner', 'me'))).toBe(false);
  });
  it('admin manages only users with role user, never themselves', () => {
    expect(canModifyUser(actor('admin'), target('user'))).toBe(true);
    expect(canModifyUser(actor('admin'), target('admin'))).toBe(false);
    expect(canModifyUser(actor('admin'), target('owner'))).toBe(false);
    expect(canModifyUser(actor('admin', 'me'), target('admin', 'me'))).toBe(false);
  });
  it('role user manages nobody', () => {
    expect(canModifyUser(actor('user'), target('user'))).toBe(false);
    expect(canModifyUser(null, target('user'))).toBe(false);
  });
  it('role change needs another assignable role', () => {
    expect(canChangeRole(actor('owner'), target('admin'))).toBe(true);
    // An admin may only assign `user`, which the target already has: no role control.
    expect(canChangeRole(actor('admin'), target('user'))).toBe(false);
    expect(canChangeRole(actor('admin'), target('admin'))).toBe(false);
  });
  it('navigation by role', () => {
    const ids = (r: Role) => navItemsFor(r).map((n) => n.testId);
    expect(ids('owner')).toContain('nav-admin-users');
    expect(ids('owner')).toContain('nav-audit-log');
    expect(ids('admin')).toContain('nav-admin-users');
    expect(ids('admin')).toContain('nav-audit-log');
    expect(ids('user')).not.toContain('nav-admin-users');
    expect(ids('user')).not.toContain('nav-audit-log');
    for (const r of ['owner', 'admin', 'user'] as Role[]) {
      expect(ids(r)).toEqual(expect.arrayContaining(['nav-overview', 'nav-organizations', 'nav-teams', 'nav-model-groups', 'nav-sessions', 'nav-password']));
    }
  });
});
