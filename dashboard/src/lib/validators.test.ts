import { describe, expect, it } from 'vitest';
import {
  allValid,
  toInt,
  utf8Length,
  validateCredits,
  validateDisplayName,
  validateEmail,
  validateFilterText,
  validateGracePeriod,
  validateGroupName,
  validateInitialCredits,
  validateModelName,
  validateModelRows,
  validateNewUser,
  validatePassword,
  validatePasswordConfirm,
  validatePeriod,
  validatePriority,
  validateReason,
  validateResourceId,
  validateUuid,
} from './validators';

describe('validatePassword (8..72, bytes for bcrypt)', () => {
  it('accepts 8 to 72 characters', () => {
    expect(validatePassword('12345678')).toBeNull();
    expect(validatePassword('a'.repeat(72))).toBeNull();
  });
  it('rejects empty, short and long', () => {
    expect(validatePassword('')).toMatch(/required/);
    expect(validatePassword('1234567')).toMatch(/at least 8/);
    expect(validatePassword('a'.repeat(73))).toMatch(/at most 72/);
  });
  it('counts bytes, not characters, for the upper limit', () => {
    const emoji = '😀'.repeat(18); // 18 chars, 72 bytes
    expect(utf8Length(emoji)).toBe(72);
    expect(validatePassword(emoji)).toBeNull();
    expect(validatePassword(`${emoji}x`)).toMatch(/72 bytes/);
    expect(validatePassword('é'.repeat(37))).toMatch(/72 bytes/); // 74 bytes
  });
  it('confirm must match', () => {
    expect(validatePasswordConfirm('abcdefgh', 'abcdefgh')).toBeNull();
    expect(validatePasswordConfirm('abcdefgh', 'abcdefgi')).toMatch(/match/);
  });
});

describe('validateResourceId (^[A-Za-z0-9][A-Za-z0-9._-]*$, up to 255)', () => {
  it.each(['a', 'acme-prod', 'Team_1.v2', '0abc', 'x'.repeat(255)])('accepts %s', (id) => {
    expect(validateResourceId(id)).toBeNull();
  });
  it.each(['', '-abc', '.abc', '_abc', 'has space', 'tab\tx', 'ünicode', 'a/b', 'x'.repeat(256)])('rejects %j', (id) => {
    expect(validateResourceId(id)).not.toBeNull();
  });
  it('uses the label in messages', () => {
    expect(validateResourceId('', 'Team ID')).toBe('Team ID is required');
  });
  it('group names are limited to 128', () => {
    expect(validateGroupName('g'.repeat(128))).toBeNull();
    expect(validateGroupName('g'.repeat(129))).toMatch(/128/);
  });
});

describe('validateCredits (whole number 1..1,000,000,000)', () => {
  it.each(['1', '50', '1000000000', ' 42 '])('accepts %j', (v) => {
    expect(validateCredits(v)).toBeNull();
  });
  it.each([
    ['', /required/],
    ['0', /between 1/],
    ['1000000001', /between 1/],
    ['99999999999999999999', /between 1/],
    ['-5', /whole number/],
    ['1.5', /whole number/],
    ['1e3', /whole number/],
    ['abc', /whole number/],
  ])('rejects %j', (v, msg) => {
    expect(validateCredits(v)).toMatch(msg);
  });
  it('initial credits allow 0 and empty', () => {
    expect(validateInitialCredits('')).toBeNull();
    expect(validateInitialCredits('0')).toBeNull();
    expect(validateInitialCredits('1000000000')).toBeNull();
    expect(validateInitialCredits('1000000001')).not.toBeNull();
    expect(validateInitialCredits('-1')).not.toBeNull();
  });
  it('toInt parses trimmed numbers, empty as 0', () => {
    expect(toInt(' 12 ')).toBe(12);
    expect(toInt('')).toBe(0);
  });
});

describe('other fields', () => {
  it('email', () => {
    expect(validateEmail('owner@example.com')).toBeNull();
    expect(validateEmail('')).toMatch(/required/);
    expect(validateEmail('no-at-sign')).toMatch(/valid/);
    expect(validateEmail('a b@example.com')).toMatch(/valid/);
  });
  it('display name', () => {
    expect(validateDisplayName('Acme Corp')).toBeNull();
    expect(validateDisplayName('')).toMatch(/required/);
    expect(validateDisplayName('', 'Alias', false)).toBeNull();
    expect(validateDisplayName('   ')).toMatch(/spaces/);
    expect(validateDisplayName('bad\u0007name')).toMatch(/control/);
    expect(validateDisplayName('x'.repeat(201))).toMatch(/200/);
  });
  it('reason up to 500', () => {
    expect(validateReason('')).toBeNull();
    expect(validateReason('r'.repeat(500))).toBeNull();
    expect(validateReason('r'.repeat(501))).toMatch(/500/);
  });
  it('model name and priority', () => {
    expect(validateModelName('gpt-4o')).toBeNull();
    expect(validateModelName('')).toMatch(/required/);
    expect(validateModelName('gpt 4o')).toMatch(/spaces/);
    expect(validatePriority('0')).toBeNull();
    expect(validatePriority('1000')).toBeNull();
    expect(validatePriority('1001')).toMatch(/1000/);
    expect(validatePriority('-1')).toMatch(/whole/);
  });
  it('model rows: per-row errors and duplicates', () => {
    const r = validateModelRows([
      { model_name: 'gpt-4o', priority: '0' },
      { model_name: 'gpt-4o', priority: '1' },
      { model_name: '', priority: '2' },
      { model_name: 'ok', priority: 'x' },
    ]);
    expect(r.rows).toEqual([null, 'Duplicate model', 'Model name is required', 'Priority must be a whole number']);
    expect(r.overall).toBeNull();
    const many = Array.from({ length: 101 }, (_, i) => ({ model_name: `m${i}`, priority: String(i) }));
    expect(validateModelRows(many).overall).toMatch(/100/);
  });
  it('grace period 0..604800', () => {
    expect(validateGracePeriod('0')).toBeNull();
    expect(validateGracePeriod('604800')).toBeNull();
    expect(validateGracePeriod('604801')).toMatch(/7 days/);
    expect(validateGracePeriod('')).toMatch(/required/);
  });
  it('period YYYY-MM', () => {
    expect(validatePeriod('2025-10')).toBeNull();
    expect(validatePeriod('2025-13')).not.toBeNull();
    expect(validatePeriod('2025-1')).not.toBeNull();
  });
  it('audit filter text', () => {
    expect(validateFilterText('', 'Action')).toBeNull();
    expect(validateFilterText('added_credits', 'Action')).toBeNull();
    expect(validateFilterText('team:x.y-z', 'Action')).toBeNull();
    expect(validateFilterText('bad value', 'Action')).not.toBeNull();
    expect(validateFilterText('a'.repeat(65), 'Action')).toMatch(/64/);
  });
  it('uuid', () => {
    expect(validateUuid('')).toBeNull();
    expect(validateUuid('11111111-1111-4111-8111-111111111111')).toBeNull();
    expect(validateUuid('not-a-uuid')).not.toBeNull();
  });
  it('allValid', () => {
    expect(allValid({ a: null, b: null })).toBe(true);
    expect(allValid({ a: null, b: 'x' })).toBe(false);
  });
});

describe('validateNewUser (user creation and first-time setup)', () => {
  it('passes a complete account', () => {
    expect(validateNewUser('a@example.com', 'Ada', '12345678')).toEqual({ email: null, name: null, password: null });
  });
  it('reports each field with the same messages as its own validator', () => {
    expect(validateNewUser('', '', 'short')).toEqual({
      email: validateEmail(''),
      name: validateDisplayName('', 'Display name'),
      password: validatePassword('short'),
    });
  });
});
