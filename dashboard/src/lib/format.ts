// Formatting helpers used across the pages.

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-10-01 14:03" in the viewer's local time; "—" for null/invalid. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Relative time like "5 min ago" / "in 2 h" from `now` (ms). */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  const abs = Math.abs(diff);
  const future = diff > 0;
  const wrap = (s: string) => (future ? `in ${s}` : `${s} ago`);
  if (abs < 45_000) return future ? 'in a few seconds' : 'just now';
  if (abs < 3_600_000) return wrap(`${Math.round(abs / 60_000)} min`);
  if (abs < 86_400_000) return wrap(`${Math.round(abs / 3_600_000)} h`);
  return wrap(`${Math.round(abs / 86_400_000)} d`);
}

/** 1234567 → "1,234,567"; negative numbers keep their sign. */
export function formatCredits(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Signed amount for ledger entries: "+50", "-20", "0". */
export function formatSignedCredits(n: number): string {
  if (n > 0) return `+${formatCredits(n)}`;
  return formatCredits(n);
}

/** The UTC month "YYYY-MM" of a date. */
export function currentPeriod(date: Date = new Date()): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** Seconds → "1 h", "7 d", "90 s", "none". */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return 'none';
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** First 8 characters of a UUID, for compact tables. */
export function shortId(id: string | null | undefined): string {
  if (!id) return '—';
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** A compact, readable summary of a browser user agent string. */
export function summarizeUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Unknown client';
  const browser =
    /Edg\/([\d]+)/.exec(ua)?.[0]?.replace('Edg/', 'Edge ') ??
    /(?:Chrome|Chromium|HeadlessChrome)\/([\d]+)/.exec(ua)?.[0]?.replace('/', ' ') ??
    /Firefox\/([\d]+)/.exec(ua)?.[0]?.replace('/', ' ') ??
    (/Version\/([\d]+).*Safari/.test(ua) ? `Safari ${/Version\/([\d]+)/.exec(ua)?.[1] ?? ''}`.trim() : null);
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  return ua.length > 60 ? `${ua.slice(0, 60)}…` : ua;
}

/** Human label for an audit action: "created_team" → "Created team". */
export function humanizeAction(action: string): string {
  const s = action.replace(/[_.:-]+/g, ' ').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : action;
}

/** Compact JSON for details columns. */
export function compactJson(value: unknown, max = 160): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? '';
  } catch {
    s = String(value);
  }
  if (s === '{}' || s === 'null') return '';
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** "Showing 26–50 of 120" for a page. */
export function pageRange(offset: number, count: number, total: number | null): string {
  if (count === 0) return total ? `No entries on this page (total ${formatCredits(total)})` : 'No entries';
  const from = offset + 1;
  const to = offset + count;
  return total === null ? `Showing ${from}–${to}` : `Showing ${from}–${to} of ${formatCredits(total)}`;
}
