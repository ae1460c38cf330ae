import { useSyncExternalStore } from 'react';
import { session } from '../api/client';
import type { AuthState } from './session';
import type { AdminUser } from '../api/types';

export function useAuthState(): AuthState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/** The signed-in user; only call inside the signed-in part of the app. */
export function useCurrentUser(): AdminUser {
  const state = useAuthState();
  if (state.status !== 'signed_in') throw new Error('useCurrentUser called while signed out');
  return state.user;
}
