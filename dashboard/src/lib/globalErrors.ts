// Uncaught errors and unhandled promise rejections are collected here and shown in a banner.
import { messageOf } from './errors';

export interface GlobalError {
  id: number;
  message: string;
  source: 'error' | 'unhandledrejection' | 'render';
  at: string;
}

let nextId = 1;
let errors: GlobalError[] = [];
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of [...listeners]) l();
}

export function reportGlobalError(err: unknown, source: GlobalError['source']): void {
  const message = messageOf(err) || 'Unknown error';
  // Keep the banner short: at most 5 entries, newest last.
  errors = [...errors, { id: nextId++, message, source, at: new Date().toISOString() }].slice(-5);
  emit();
}

export function dismissGlobalError(id: number): void {
  errors = errors.filter((e) => e.id !== id);
  emit();
}

export function clearGlobalErrors(): void {
  errors = [];
  emit();
}

export function getGlobalErrors(): GlobalError[] {
  return errors;
}

export function subscribeGlobalErrors(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Installs window listeners once; returns an uninstall function. */
export function installGlobalErrorHandlers(target: Window = window): () => void {
  const onError = (e: ErrorEvent) => {
    // Resource load errors (img/script) have no `error`; report them with their message.
    reportGlobalError(e.error ?? e.message ?? 'Script error', 'error');
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    reportGlobalError(e.reason, 'unhandledrejection');
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
