// Client-side checks with the same limits as openapi.yaml. Each returns an error message or null.

export type Check = string | null;

const RESOURCE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL_RE = /^\s*[^@\s]+@[^@\s]+\s*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\x00-\x1f\x7f]/;
const FILTER_RE = /^[A-Za-z0-9_.:-]+$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PERIOD_RE = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
// eslint-disable-next-line no-control-regex
const MODEL_NAME_RE = /^[^\s\x00-\x1f\x7f]+$/;

export const LIMITS = {
  passwordMin: 8,
  passwordMaxBytes: 72,
  resourceIdMax: 255,
  groupNameMax: 128,
  displayNameMax: 200,
  emailMin: 3,
  emailMax: 254,
  creditsMin: 1,
  creditsMax: 1_000_000_000,
  reasonMax: 500,
  descriptionMax: 2000,
  modelNameMax: 256,
  priorityMax: 1000,
  modelsMax: 100,
  graceMaxSeconds: 604_800,
  filterMax: 64,
} as const;

/** UTF-8 length in bytes (bcrypt's limit is in bytes, not characters). */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validatePassword(pw: string): Check {
  if (pw.length === 0) return 'Password is required';
  if ([...pw].length < LIMITS.passwordMin) return `Password must be at least ${LIMITS.passwordMin} characters`;
  if (utf8Length(pw) > LIMITS.passwordMaxBytes) return `Password must be at most ${LIMITS.passwordMaxBytes} bytes`;
  return null;
}

export function validatePasswordConfirm(pw: string, confirm: string): Check {
  return pw === confirm ? null : 'Passwords do not match';
}

export function validateLoginPassword(pw: string): Check {
  if (pw.length === 0) return 'Password is required';
  if (pw.length > 1024) return 'Password is too long';
  return null;
}

export function validateEmail(email: string): Check {
  const trimmed = email.trim();
  if (trimmed.length === 0) return 'Email is required';
  if (trimmed.length < LIMITS.emailMin || email.length > LIMITS.emailMax) return `Email must be ${LIMITS.emailMin}–${LIMITS.emailMax} characters`;
  if (!EMAIL_RE.test(email)) return 'Enter a valid email address';
  return null;
}

function validateId(value: string, label: string, max: number): Check {
  if (value.length === 0) return `${label} is required`;
  if (value.length > max) return `${label} must be at most ${max} characters`;
  if (!RESOURCE_ID_RE.test(value)) {
    return `${label} must start with a letter or digit and contain only letters, digits, '.', '_' or '-'`;
  }
  return null;
}

/** Organization and team ids: ^[A-Za-z0-9][A-Za-z0-9._-]*$, 1..255. */
export function validateResourceId(value: string, label = 'ID'): Check {
  return validateId(value, label, LIMITS.resourceIdMax);
}

/** Model group names: same alphabet, 1..128. */
export function validateGroupName(value: string, label = 'Group name'): Check {
  return validateId(value, label, LIMITS.groupNameMax);
}

/** Display names: 1..200 characters, no control characters, not only whitespace. */
export function validateDisplayName(value: string, label = 'Name', required = true): Check {
  if (value.length === 0) return required ? `${label} is required` : null;
  if (value.trim().length === 0) return `${label} cannot be only spaces`;
  if ([...value].length > LIMITS.displayNameMax) return `${label} must be at most ${LIMITS.displayNameMax} characters`;
  if (CONTROL_RE.test(value)) return `${label} cannot contain control characters`;
  return null;
}

function parseWholeNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : Number.POSITIVE_INFINITY;
}

/** Credits to add: a whole number 1..1,000,000,000. */
export function validateCredits(raw: string): Check {
  if (raw.trim() === '') return 'Credits are required';
  const n = parseWholeNumber(raw);
  if (n === null) return 'Credits must be a whole number';
  if (n < LIMITS.creditsMin || n > LIMITS.creditsMax) return 'Credits must be between 1 and 1,000,000,000';
  return null;
}

/** Initial allocation of a new team: a whole number 0..1,000,000,000 (empty means 0). */
export function validateInitialCredits(raw: string): Check {
  if (raw.trim() === '') return null;
  const n = parseWholeNumber(raw);
  if (n === null) return 'Initial credits must be a whole number';
  if (n > LIMITS.creditsMax) return 'Initial credits must be between 0 and 1,000,000,000';
  return null;
}

export function toInt(raw: string): number {
  const s = raw.trim();
  return s === '' ? 0 : Number(s);
}

export function validateReason(value: string): Check {
  if ([...value].length > LIMITS.reasonMax) return `Reason must be at most ${LIMITS.reasonMax} characters`;
  return null;
}

export function validateDescription(value: string): Check {
  if ([...value].length > LIMITS.descriptionMax) return `Description must be at most ${LIMITS.descriptionMax} characters`;
  return null;
}

export function validateModelName(value: string): Check {
  if (value.length === 0) return 'Model name is required';
  if ([...value].length > LIMITS.modelNameMax) return `Model name must be at most ${LIMITS.modelNameMax} characters`;
  if (!MODEL_NAME_RE.test(value)) return 'Model name cannot contain spaces or control characters';
  return null;
}

export function validatePriority(raw: string): Check {
  const n = parseWholeNumber(raw);
  if (n === null) return 'Priority must be a whole number';
  if (n > LIMITS.priorityMax) return `Priority must be between 0 and ${LIMITS.priorityMax}`;
  return null;
}

export interface ModelRow {
  model_name: string;
  priority: string;
}

/** Validates a models editor: each row, the count, and duplicate names. Returns one message per row (or null) and an overall message. */
export function validateModelRows(rows: ModelRow[]): { rows: Check[]; overall: Check } {
  const seen = new Set<string>();
  const rowErrors = rows.map((r) => {
    const err = validateModelName(r.model_name) ?? validatePriority(r.priority);
    if (err) return err;
    if (seen.has(r.model_name)) return 'Duplicate model';
    seen.add(r.model_name);
    return null;
  });
  let overall: Check = null;
  if (rows.length > LIMITS.modelsMax) overall = `At most ${LIMITS.modelsMax} models`;
  return { rows: rowErrors, overall };
}

export function validateGracePeriod(raw: string): Check {
  if (raw.trim() === '') return 'Grace period is required';
  const n = parseWholeNumber(raw);
  if (n === null) return 'Grace period must be a whole number of seconds';
  if (n > LIMITS.graceMaxSeconds) return 'Grace period must be at most 7 days (604800 seconds)';
  return null;
}

export function validatePeriod(value: string): Check {
  if (!PERIOD_RE.test(value)) return 'Period must look like YYYY-MM';
  return null;
}

/** Audit filters (action, resource type): optional, ^[A-Za-z0-9_.:-]+$, up to 64. */
export function validateFilterText(value: string, label: string): Check {
  if (value === '') return null;
  if (value.length > LIMITS.filterMax) return `${label} must be at most ${LIMITS.filterMax} characters`;
  if (!FILTER_RE.test(value)) return `${label} may only contain letters, digits, '_', '.', ':' and '-'`;
  return null;
}

export function validateUuid(value: string, label = 'ID'): Check {
  if (value === '') return null;
  return UUID_RE.test(value) ? null : `${label} must be a UUID`;
}

/** The checks of a new admin user's email, display name and password (user creation and first-time setup). */
export function validateNewUser(email: string, name: string, password: string): { email: Check; name: Check; password: Check } {
  return { email: validateEmail(email), name: validateDisplayName(name, 'Display name'), password: validatePassword(password) };
}

/** Returns true when every check passed (all null). */
export function allValid(errors: Record<string, Check>): boolean {
  return Object.values(errors).every((e) => e === null);
}
