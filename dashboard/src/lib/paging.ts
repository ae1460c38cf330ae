/** Reads X-Total-Count; null when absent or not a non-negative number. */
export function totalFromHeaders(headers: Headers): number | null {
  const raw = headers.get('X-Total-Count');
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Whether an older page exists: from the total when known, else from a full page. */
export function hasNextPage(offset: number, count: number, limit: number, total: number | null): boolean {
  if (total !== null) return offset + count < total;
  return count === limit;
}
