import type { ReactNode } from 'react';
import type { Query } from '../lib/hooks';
import { Empty, ErrorAlert, Loading } from './ui';

function isEmptyArray(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}

/**
 * The states of a `useQuery` result, in order: loading (only while there is no data yet, so a
 * reload keeps the current content on screen) → the error with a Retry button → `empty` → the
 * content. With `empty`, missing data or data that `isEmpty` (default: an empty array) shows that
 * message; without it, missing data shows nothing and any data is rendered.
 */
export function AsyncSection<T>({
  state,
  empty,
  isEmpty = isEmptyArray,
  children,
}: {
  state: Pick<Query<T>, 'data' | 'loading' | 'error' | 'reload'>;
  empty?: ReactNode;
  isEmpty?: (data: NonNullable<T>) => boolean;
  children: (data: NonNullable<T>) => ReactNode;
}) {
  const { data, loading, error, reload } = state;
  if (loading && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return empty === undefined ? null : <Empty>{empty}</Empty>;
  if (empty !== undefined && isEmpty(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}
