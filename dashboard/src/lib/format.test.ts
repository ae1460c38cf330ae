import { describe, expect, it } from 'vitest';
import {
  compactJson,
  currentPeriod,
  formatCredits,
  formatDateTime,
  formatDuration,
  formatRelative,
  formatSignedCredits,
  humanizeAction,
  pageRange,
  shortId,
  summarizeUserAgent,
} from './format';

describe('format helpers', () => {
  it('formatCredits groups thousands', () => {
    expect(formatCredits(0)).toBe('0');
    expect(formatCredits(999)).toBe('999');
    expect(formatCredits(1000)).toBe('1,000');
    expect(formatCredits(1234567)).toBe('1,234,567');
    expect(formatCredits(1_000_000_000)).toBe('1,000,000,000');
    expect(formatCredits(-2500)).toBe('-2,500');
    expect(formatCredits(null)).toBe('—');
    expect(formatCredits(undefined)).toBe('—');
  });
  it('formatSignedCredits', () => {
    expect(formatSignedCredits(50)).toBe('+50');
    expect(formatSignedCredits(-1200)).toBe('-1,200');
    expect(formatSignedCredits(0)).toBe('0');
  });
  it('currentPeriod is the UTC month', () => {
    expect(currentPeriod(new Date('2025-10-31T23:30:00-05:00'))).toBe('2025-11');
    expect(currentPeriod(new Date('2025-01-05T00:00:00Z'))).toBe('2025-01');
  });
  it('formatDateTime', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('garbage')).toBe('garbage');
    const d = new Date(2025, 0, 2, 3, 4);
    expect(formatDateTime(d.toISOString())).toBe('2025-01-02 03:04');
  });
  it('formatRelative', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(formatRelative('2025-01-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2025-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2025-01-01T14:00:00Z', now)).toBe('in 2 h');
    expect(formatRelative('2025-01-03T12:00:00Z', now)).toBe('in 2 d');
    expect(formatRelative(null, now)).toBe('—');
  });
  it('formatDuration', () => {
    expect(formatDuration(0)).toBe('none');
    expect(formatDuration(90)).toBe('90 s');
    expect(formatDuration(300)).toBe('5 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(604800)).toBe('7 d');
  });
  it('shortId', () => {
    expect(shortId('11111111-2222-3333-4444-555555555555')).toBe('11111111');
    expect(shortId(null)).toBe('—');
  });
  it('summarizeUserAgent', () => {
    expect(
      summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36'),
    ).toBe('HeadlessChrome 120 on Linux');
    expect(summarizeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox 121 on Windows');
    expect(summarizeUserAgent(null)).toBe('Unknown client');
    expect(summarizeUserAgent('curl/8.0')).toBe('curl/8.0');
  });
  it('humanizeAction', () => {
    expect(humanizeAction('created_team')).toBe('Created team');
    expect(humanizeAction('')).toBe('');
  });
  it('compactJson', () => {
    expect(compactJson({})).toBe('');
    expect(compactJson(null)).toBe('');
    expect(compactJson({ a: 1 })).toBe('{"a":1}');
    expect(compactJson({ long: 'x'.repeat(300) }, 20)).toHaveLength(21);
  });
  it('pageRange', () => {
    expect(pageRange(0, 25, 120)).toBe('Showing 1–25 of 120');
    expect(pageRange(100, 20, 120)).toBe('Showing 101–120 of 120');
    expect(pageRange(0, 3, null)).toBe('Showing 1–3');
    expect(pageRange(0, 0, 0)).toBe('No entries');
    expect(pageRange(200, 0, 120)).toMatch(/total 120/);
  });
});
