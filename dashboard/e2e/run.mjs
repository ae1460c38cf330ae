// @ts-check
// End-to-end test of the dashboard in a real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). It expects a RUNNING server on a FRESH database at E2E_BASE_URL
// (e.g. http://127.0.0.1:3002): the dashboard and /api/* on one origin. It does not start it.
//
//   E2E_BASE_URL=http://127.0.0.1:3002 npm run e2e
//
// Prints one line per scenario and ends with "N passed, M failed"; exits non-zero on failure.
// Screenshots of every page go to dashboard/screenshots/ (also on failure).
import { chromium, request as pwRequest } from 'playwright-core';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Browser} Browser */

const BASE = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
if (!BASE) {
  console.error('E2E_BASE_URL is not set (e.g. http://127.0.0.1:3002)');
  process.exit(2);
}
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
const VIEWPORT = { width: 1280, height: 800 };
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const RUN = Date.now().toString(36);
const OWNER = { email: `owner-${RUN}@example.com`, name: 'E2E Owner', password: 'E2e-Owner-Passw0rd!' };
const NEW_PASSWORD = 'E2e-Changed-Passw0rd!';
const VIEWER = { email: `viewer-${RUN}@example.com`, name: 'E2E Viewer', password: 'E2e-Viewer-Passw0rd!' };
const ORG = `e2e-org-${RUN}`;
const GROUP = `e2e-gpt-${RUN}`;
const TEAM = `e2e-team-${RUN}`;

/** Shared between scenarios. */
const state = {
  /** @type {Browser|null} */ browser: null,
  /** @type {BrowserContext|null} */ ctx1: null,
  /** @type {Page|null} */ page1: null,
  /** @type {BrowserContext|null} */ ctx2: null,
  /** @type {Page|null} */ page2: null,
  /** @type {string|null} */ virtualKey: null,
  /** @type {Set<string>} */ accessTokens: new Set(),
  password: OWNER.password,
  done: /** @type {Set<string>} */ (new Set()),
};

/** Uncaught page errors (pageerror) of every page: must stay empty. */
const pageErrors = /** @type {string[]} */ ([]);
let shotNo = 0;

// ------------------------------------------------------------------ helpers

/** @param {Page} page @param {string} id */
const tid = (page, id) => page.getByTestId(id);

/** Polls `check` until it returns truthy; fails with `what`. @template T @param {() => Promise<T>} check @param {string} what */
async function until(check, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  /** @type {unknown} */ let last;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message.split('\n')[0]})` : ''}`);
}

/** @param {boolean} cond @param {string} msg */
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** @param {Page} page @param {string} id @param {string} expected */
async function waitText(page, id, expected) {
  await until(async () => ((await tid(page, id).first().textContent()) ?? '').trim() === expected, `[data-testid=${id}] to read "${expected}"`);
}

/** @param {Page} page @param {string} name */
async function shot(page, name, fullPage = false) {
  const n = String(++shotNo).padStart(2, '0');
  // Let data settle (no spinner), and fast-forward CSS transitions (the mobile nav slides).
  await until(async () => (await tid(page, 'loading').count()) === 0, 'loading to finish').catch(() => undefined);
  await page.screenshot({ path: `${SHOTS}${n}-${name}.png`, fullPage, animations: 'disabled' });
}

/** @param {Page} page @param {string} navId @param {string} pageId */
async function go(page, navId, pageId) {
  const width = page.viewportSize()?.width ?? 1280;
  if (width < 860 && !(await tid(page, navId).isVisible())) await tid(page, 'nav-toggle').click();
  await tid(page, navId).click();
  await tid(page, pageId).waitFor();
}

/** @param {Browser} browser @param {string} label */
async function newContext(browser, label) {
  const ctx = await browser.newContext({ viewport: VIEWPORT, baseURL: BASE });
  ctx.setDefaultTimeout(TIMEOUT);
  const page = await ctx.newPage();
  page.on('pageerror', (err) => pageErrors.push(`[${label}] ${err.message}`));
  // Remember every access token the server hands out, to check it never lands in web storage.
  page.on('response', async (res) => {
    if (/\/api\/admin-users\/(login|setup|refresh)$/.test(new URL(res.url()).pathname) && res.ok()) {
      try {
        const body = await res.json();
        if (body?.access_token) state.accessTokens.add(body.access_token);
      } catch {
        /* ignore */
      }
    }
  });
  return { ctx, page };
}

/** @param {Page} page @param {string} email @param {string} password */
async function login(page, email, password) {
  await tid(page, 'login-form').waitFor();
  await tid(page, 'login-email').fill(email);
  await tid(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  // Signed in: the shell shows the user (the page is whatever the hash pointed at).
  await tid(page, 'current-user').waitFor();
}

// ------------------------------------------------------------------ scenarios

/** @type {{name: string, needs?: string[], run: () => Promise<void>}[]} */
const scenarios = [
  {
    name: 'setup owner on a fresh database',
    async run() {
      const browser = /** @type {Browser} */ (state.browser);
      const { ctx, page } = await newContext(browser, 'ctx1');
      state.ctx1 = ctx;
      state.page1 = page;
      await page.goto('/');
      await until(async () => (await tid(page, 'setup-form').isVisible()) || (await tid(page, 'login-form').isVisible()), 'the setup or login page');
      assert(await tid(page, 'setup-form').isVisible(), 'expected the first-time setup page: is the database fresh?');
      // Client-side validation: a short password is refused before anything is sent.
      await tid(page, 'setup-email').fill(OWNER.email);
      await tid(page, 'setup-name').fill(OWNER.name);
      await tid(page, 'setup-password').fill('short');
      await tid(page, 'setup-confirm').fill('short');
      await tid(page, 'setup-submit').click();
      await tid(page, 'field-error-setup-password').waitFor();
      await tid(page, 'setup-password').fill(OWNER.password);
      await tid(page, 'setup-confirm').fill(OWNER.password);
      await shot(page, 'setup');
      await tid(page, 'setup-submit').click();
      await tid(page, 'page-overview').waitFor();
      await waitText(page, 'current-user', OWNER.name);
      await waitText(page, 'current-role', 'owner');
      await waitText(page, 'count-organizations', '0');
      await waitText(page, 'count-users', '1');
      await tid(page, 'recent-activity').getByTestId('audit-row').first().waitFor();
      await shot(page, 'overview');
    },
  },
  {
    name: 'create organization',
    needs: ['setup owner on a fresh database'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-organizations', 'page-organizations');
      await tid(page, 'toggle-create-organization').click();
      // Invalid id is refused client-side.
      await tid(page, 'org-id').fill('bad id!');
      await tid(page, 'org-name').fill('E2E Organization');
      await tid(page, 'create-organization-submit').click();
      await tid(page, 'field-error-org-id').waitFor();
      await tid(page, 'org-id').fill(ORG);
      await tid(page, 'create-organization-submit').click();
      await tid(page, 'organization-created').waitFor();
      await page.locator(`[data-testid=organization-row][data-id="${ORG}"]`).waitFor();
      await shot(page, 'organizations');
      // Duplicate id: the server's detail is shown.
      await tid(page, 'toggle-create-organization').click();
      await tid(page, 'org-id').fill(ORG);
      await tid(page, 'org-name').fill('Duplicate');
      await tid(page, 'create-organization-submit').click();
      const err = await tid(page, 'create-organization-error').textContent({ timeout: TIMEOUT });
      assert(!!err && err.trim().length > 0, 'expected the duplicate organization error detail');
      await tid(page, 'toggle-create-organization').click();
      // Detail page: teams and usage.
      await page.locator(`[data-testid=organization-row][data-id="${ORG}"] [data-testid=organization-link]`).click();
      await tid(page, 'page-organization').waitFor();
      await tid(page, 'organization-teams').getByTestId('empty').waitFor();
      await tid(page, 'usage-allocated').waitFor();
      await shot(page, 'organization-detail');
    },
  },
  {
    name: 'create model group and edit its models',
    needs: ['setup owner on a fresh database'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-model-groups', 'page-model-groups');
      await tid(page, 'empty').waitFor();
      await tid(page, 'toggle-create-model-group').click();
      await tid(page, 'mg-name').fill(GROUP);
      await tid(page, 'mg-display-name').fill('E2E GPT models');
      await tid(page, 'create-mg-model-name').nth(0).fill('gpt-4o');
      await tid(page, 'create-mg-add-model').click();
      await tid(page, 'create-mg-model-name').nth(1).fill('gpt-4o-mini');
      await tid(page, 'create-model-group-submit').click();
      const row = page.locator(`[data-testid=model-group-row][data-name="${GROUP}"]`);
      await row.waitFor();
      await until(async () => (await row.textContent())?.includes('gpt-4o-mini'), 'the models of the new group');
      // Edit: add a third fallback model (PUT with a bare array).
      await row.getByTestId('edit-models-button').click();
      await tid(page, 'edit-mg-add-model').click();
      await tid(page, 'edit-mg-model-name').nth(2).fill('gpt-4.1-mini');
      await tid(page, 'save-models').click();
      await tid(page, 'model-group-notice').waitFor();
      await until(async () => (await row.textContent())?.includes('gpt-4.1-mini'), 'the edited models');
      await shot(page, 'model-groups');
    },
  },
  {
    name: 'create team: virtual key shown once',
    needs: ['create organization', 'create model group and edit its models'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-teams', 'page-teams');
      await tid(page, 'toggle-create-team').click();
      await tid(page, 'team-org').selectOption(ORG);
      await tid(page, 'team-id').fill(TEAM);
      await tid(page, 'team-alias').fill('E2E Team');
      await tid(page, 'team-credits').fill('100');
      await page.locator(`#create-team-mg-${GROUP}`).check();
      await tid(page, 'create-team-submit').click();
      await tid(page, 'team-created').waitFor();
      await tid(page, 'secret-warning').waitFor();
      const key = ((await tid(page, 'virtual-key').textContent()) ?? '').trim();
      assert(key.length >= 16, `expected a virtual key, got "${key}"`);
      state.virtualKey = key;
      await shot(page, 'team-created-key-once');
      // Leave and come back: the key is gone for good.
      await go(page, 'nav-overview', 'page-overview');
      await go(page, 'nav-teams', 'page-teams');
      await page.locator(`[data-testid=team-row][data-id="${TEAM}"]`).waitFor();
      assert((await tid(page, 'team-created').count()) === 0, 'the key panel must not be shown again');
      const html = await page.content();
      assert(!html.includes(key), 'the plaintext key must not appear again');
      const masked = ((await page.locator(`[data-testid=team-row][data-id="${TEAM}"] [data-testid=masked-key]`).textContent()) ?? '').trim();
      assert(masked !== key, 'the team list must show a masked key');
      await shot(page, 'teams');
    },
  },
  {
    name: 'add credits: balance and transactions visible',
    needs: ['create team: virtual key shown once'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await page.locator(`[data-testid=team-row][data-id="${TEAM}"] [data-testid=team-link]`).click();
      await tid(page, 'page-team').waitFor();
      await waitText(page, 'balance-remaining', '100');
      // Validation: 0 is refused before sending.
      await tid(page, 'add-credits-amount').fill('0');
      await tid(page, 'add-credits-submit').click();
      await tid(page, 'field-error-add-credits').waitFor();
      await tid(page, 'add-credits-amount').fill('50');
      await tid(page, 'add-credits-reason').fill('E2E top-up');
      await tid(page, 'add-credits-submit').click();
      await tid(page, 'team-notice').waitFor();
      await waitText(page, 'balance-remaining', '150');
      await until(async () => (await tid(page, 'transaction-row').count()) >= 2, 'two ledger entries');
      const reasons = await tid(page, 'transaction-reason').allTextContents();
      assert(reasons.some((r) => r.includes('E2E top-up')), `expected the top-up in the transactions, got ${JSON.stringify(reasons)}`);
      const amounts = await tid(page, 'transaction-amount').allTextContents();
      assert(amounts.some((a) => a.trim() === '+50'), `expected +50 in the transactions, got ${JSON.stringify(amounts)}`);
      await shot(page, 'team-detail', true);
    },
  },
  {
    name: 'team: assign model groups, suspend and resume, rotate key (shown once)',
    needs: ['add credits: balance and transactions visible'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await tid(page, 'page-team').waitFor();
      // Unassign, then assign again (PUT with a bare array of names).
      await tid(page, 'edit-team-model-groups').click();
      await page.locator(`#assign-mg-${GROUP}`).uncheck();
      await tid(page, 'save-team-model-groups').click();
      await tid(page, 'model-groups-saved').waitFor();
      await tid(page, 'team-model-groups').getByTestId('empty').waitFor();
      await tid(page, 'edit-team-model-groups').click();
      await page.locator(`#assign-mg-${GROUP}`).check();
      await tid(page, 'save-team-model-groups').click();
      await until(async () => ((await tid(page, 'team-model-group-list').textContent()) ?? '').includes(GROUP), 'the group assigned again');
      // Suspend and resume.
      await tid(page, 'suspend-team').click();
      await tid(page, 'suspend-team-confirm').click();
      await until(async () => ((await tid(page, 'team-status').textContent()) ?? '').includes('suspended'), 'status suspended');
      await tid(page, 'resume-team').click();
      await until(async () => ((await tid(page, 'team-status').textContent()) ?? '').includes('active'), 'status active');
      // Rotate the key with a grace period: the new key is shown once.
      await tid(page, 'rotate-grace').selectOption('3600');
      await tid(page, 'rotate-key-button').click();
      await tid(page, 'rotate-key-button-confirm').click();
      await tid(page, 'rotated-key').waitFor();
      const rotated = ((await tid(page, 'rotated-key').getByTestId('virtual-key').textContent()) ?? '').trim();
      assert(rotated.length >= 16 && rotated !== state.virtualKey, 'expected a new, different key');
      assert(((await tid(page, 'previous-key-expiry').textContent()) ?? '').includes('until'), 'the old key expiry is shown');
      await shot(page, 'team-key-rotated');
      await tid(page, 'rotated-key').getByTestId('secret-done').click();
      assert((await tid(page, 'rotated-key').count()) === 0, 'the rotated key is gone after acknowledging');
      assert(!(await page.content()).includes(rotated), 'the rotated key must not stay on the page');
    },
  },
  {
    name: 'model group in use cannot be deleted (detail shown); an unused one can',
    needs: ['team: assign model groups, suspend and resume, rotate key (shown once)'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-model-groups', 'page-model-groups');
      const row = page.locator(`[data-testid=model-group-row][data-name="${GROUP}"]`);
      await row.getByTestId('delete-model-group').click();
      await row.getByTestId('delete-model-group-confirm').click();
      const detail = ((await tid(page, 'delete-model-group-error').textContent({ timeout: TIMEOUT })) ?? '').trim();
      assert(detail.length > 0, 'expected the server detail for deleting a group in use');
      assert((await row.count()) === 1, 'the group in use is still listed');
      const temp = `${GROUP}-tmp`;
      await tid(page, 'toggle-create-model-group').click();
      await tid(page, 'mg-name').fill(temp);
      await tid(page, 'create-mg-model-name').nth(0).fill('claude-sonnet');
      await tid(page, 'create-model-group-submit').click();
      const tempRow = page.locator(`[data-testid=model-group-row][data-name="${temp}"]`);
      await tempRow.waitFor();
      await tempRow.getByTestId('delete-model-group').click();
      await tempRow.getByTestId('delete-model-group-confirm').click();
      await until(async () => (await tempRow.count()) === 0, 'the unused group to be deleted');
    },
  },
  {
    name: 'audit log shows created_organization, created_team, added_credits',
    needs: ['add credits: balance and transactions visible'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-audit-log', 'page-audit-log');
      await tid(page, 'audit-table').waitFor();
      const wanted = ['created_organization', 'created_team', 'added_credits'];
      await until(async () => {
        const actions = await tid(page, 'audit-action').allTextContents();
        return wanted.every((w) => actions.includes(w));
      }, `audit actions ${wanted.join(', ')}`);
      await shot(page, 'audit-log', true);
      // Filter by action; the X-Total-Count total is shown.
      await tid(page, 'audit-filter-action').fill('added_credits');
      await tid(page, 'audit-apply').click();
      await until(async () => {
        const actions = await tid(page, 'audit-action').allTextContents();
        return actions.length > 0 && actions.every((a) => a === 'added_credits');
      }, 'only added_credits entries');
      const rows = await tid(page, 'audit-row').count();
      const range = (await tid(page, 'audit-range').textContent()) ?? '';
      assert(range.includes(`of ${rows}`), `expected the X-Total-Count total ("of ${rows}"), got "${range}"`);
      await tid(page, 'audit-clear').click();
    },
  },
  {
    name: 'reload keeps the user signed in (token in memory only)',
    needs: ['setup owner on a fresh database'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-overview', 'page-overview');
      await page.reload();
      await tid(page, 'page-overview').waitFor();
      assert((await tid(page, 'login-form').count()) === 0, 'reload must not show the login page');
      await waitText(page, 'current-user', OWNER.name);
      const storage = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie }));
      assert(state.accessTokens.size > 0, 'expected to have seen access tokens');
      for (const t of state.accessTokens) assert(!storage.includes(t), 'an access token was found in web storage or document.cookie');
      assert(!storage.includes('saas_refresh'), 'the refresh cookie must be HttpOnly');
    },
  },
  {
    name: 'responsive layout at 390px',
    needs: ['setup owner on a fresh database'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await tid(page, 'page-overview').waitFor();
        await tid(page, 'nav-toggle').waitFor();
        await until(async () => !(await tid(page, 'nav-teams').isVisible()) || !(await inViewport(page, 'nav-teams')), 'the side nav to be collapsed at 390px');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 1, `the page overflows horizontally by ${overflow}px at 390px`);
        await shot(page, 'overview-390');
        await tid(page, 'nav-toggle').click();
        await until(() => inViewport(page, 'nav-teams'), 'the opened nav');
        await shot(page, 'nav-open-390');
        await tid(page, 'nav-teams').click();
        await tid(page, 'teams-table').waitFor();
        const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(pageOverflow <= 1, `the teams page overflows horizontally by ${pageOverflow}px (tables must scroll inside their wrapper)`);
        await shot(page, 'teams-390');
      } finally {
        await page.setViewportSize(VIEWPORT);
      }
      await go(page, 'nav-overview', 'page-overview');
    },
  },
  {
    name: 'admin users: owner creates a read-only user; that user sees no management controls',
    needs: ['create team: virtual key shown once'],
    async run() {
      const page = /** @type {Page} */ (state.page1);
      await go(page, 'nav-admin-users', 'page-admin-users');
      await tid(page, 'users-table').waitFor();
      // The owner's own row offers no controls.
      const ownRow = page.locator(`[data-testid=user-row][data-email="${OWNER.email}"]`);
      assert((await ownRow.getByTestId('deactivate-user').count()) === 0, 'no deactivate control on your own row');
      await tid(page, 'toggle-create-user').click();
      await tid(page, 'user-email').fill(VIEWER.email);
      await tid(page, 'user-name').fill(VIEWER.name);
      await tid(page, 'user-password').fill(VIEWER.password);
      await tid(page, 'user-role').selectOption('user');
      await tid(page, 'create-user-submit').click();
      await tid(page, 'users-notice').waitFor();
      const row = page.locator(`[data-testid=user-row][data-email="${VIEWER.email}"]`);
      await row.waitFor();
      assert((await row.getByTestId('deactivate-user').count()) === 1, 'the owner can deactivate the new user');
      await shot(page, 'admin-users');

      const browser = /** @type {Browser} */ (state.browser);
      const { ctx, page: vp } = await newContext(browser, 'viewer');
      try {
        await vp.goto('/');
        await login(vp, VIEWER.email, VIEWER.password);
        await tid(vp, 'page-overview').waitFor();
        await waitText(vp, 'current-role', 'user');
        assert((await tid(vp, 'nav-admin-users').count()) === 0, 'role user must not see admin users');
        assert((await tid(vp, 'nav-audit-log').count()) === 0, 'role user must not see the audit log');
        await shot(vp, 'overview-read-only-user');
        await go(vp, 'nav-teams', 'page-teams');
        await vp.locator(`[data-testid=team-row][data-id="${TEAM}"]`).waitFor();
        assert((await tid(vp, 'toggle-create-team').count()) === 0, 'role user must not see create team');
        await vp.goto('/#/audit-log');
        await tid(vp, 'forbidden').waitFor();
      } finally {
        await ctx.close();
      }
      // The owner changes the user's role, then deactivates them.
      await row.getByTestId('user-role-select').selectOption('admin');
      await row.getByTestId('user-role-save').click();
      await tid(page, 'users-notice').waitFor();
      // Saved and reloaded: the row shows the new role with no pending change.
      await until(async () => (await row.getByTestId('user-role-save').count()) === 0 && (await row.getByTestId('user-role-select').inputValue()) === 'admin', 'the new role');
      await row.getByTestId('user-role-select').selectOption('user');
      await row.getByTestId('user-role-save').click();
      await until(async () => (await row.getByTestId('user-role-save').count()) === 0 && ((await row.getByTestId('user-role-select').inputValue()) === 'user'), 'the role back to user');
      await row.getByTestId('deactivate-user').click();
      await row.getByTestId('deactivate-user-confirm').click();
      await row.getByTestId('reactivate-user').waitFor();
    },
  },
  {
    name: 'second context revokes the first session; the first is sent to login',
    needs: ['setup owner on a fresh database'],
    async run() {
      const browser = /** @type {Browser} */ (state.browser);
      const { ctx, page } = await newContext(browser, 'ctx2');
      state.ctx2 = ctx;
      state.page2 = page;
      await page.goto('/');
      await tid(page, 'login-form').waitFor();
      await tid(page, 'login-email').fill(OWNER.email);
      await tid(page, 'login-password').fill(`${OWNER.password}-wrong`);
      await tid(page, 'login-submit').click();
      const detail = ((await tid(page, 'login-error').textContent({ timeout: TIMEOUT })) ?? '').trim();
      assert(detail.length > 0, 'a failed login shows the server detail');
      await shot(page, 'login');
      await tid(page, 'login-password').fill(OWNER.password);
      await tid(page, 'login-submit').click();
      await tid(page, 'page-overview').waitFor();
      await go(page, 'nav-sessions', 'page-sessions');
      await tid(page, 'sessions-table').waitFor();
      await until(async () => (await page.locator('[data-testid=session-row][data-current=false]').count()) >= 1, "the first context's session in the list");
      assert((await page.locator('[data-testid=session-row][data-current=true]').count()) === 1, 'exactly one session is marked current');
      await shot(page, 'sessions');
      // Revoke every other session one by one (the first context's).
      while ((await page.locator('[data-testid=session-row][data-current=false]').count()) > 0) {
        const before = await tid(page, 'session-row').count();
        const other = page.locator('[data-testid=session-row][data-current=false]').first();
        await other.getByTestId('revoke-session').click();
        await other.getByTestId('revoke-session-confirm').click();
        await until(async () => (await tid(page, 'session-row').count()) < before, 'the revoked session to disappear');
      }
      // The first context's next call fails, its refresh fails, and it lands on the login page.
      const p1 = /** @type {Page} */ (state.page1);
      await p1.getByTestId('nav-teams').click();
      await tid(p1, 'login-form').waitFor();
      await tid(p1, 'login-message').waitFor();
      await shot(p1, 'session-ended-login');
    },
  },
  {
    name: '"sign out everywhere else" revokes the other sessions',
    needs: ['second context revokes the first session; the first is sent to login'],
    async run() {
      const p1 = /** @type {Page} */ (state.page1);
      const p2 = /** @type {Page} */ (state.page2);
      await login(p1, OWNER.email, state.password);
      await p2.reload();
      await tid(p2, 'page-sessions').waitFor();
      await until(async () => (await p2.locator('[data-testid=session-row][data-current=false]').count()) >= 1, 'the new session of the first context');
      await tid(p2, 'revoke-others').click();
      await tid(p2, 'revoke-others-confirm').click();
      await tid(p2, 'sessions-notice').waitFor();
      await until(async () => (await p2.locator('[data-testid=session-row][data-current=false]').count()) === 0, 'no other session left');
      await p1.getByTestId('nav-organizations').click();
      await tid(p1, 'login-form').waitFor();
    },
  },
  {
    name: 'change password: wrong current password shows the detail; then succeeds',
    needs: ['second context revokes the first session; the first is sent to login'],
    async run() {
      const page = /** @type {Page} */ (state.page2);
      await go(page, 'nav-password', 'page-password');
      await tid(page, 'pw-current').fill('definitely-wrong-password');
      await tid(page, 'pw-new').fill(NEW_PASSWORD);
      await tid(page, 'pw-confirm').fill(NEW_PASSWORD);
      await tid(page, 'change-password-submit').click();
      const detail = ((await tid(page, 'change-password-error').textContent({ timeout: TIMEOUT })) ?? '').trim();
      assert(detail.length > 0, 'expected the server detail for a wrong current password');
      assert((await tid(page, 'login-form').count()) === 0, 'a wrong current password must not sign the user out');
      await shot(page, 'change-password');
      await tid(page, 'pw-current').fill(state.password);
      await tid(page, 'change-password-submit').click();
      await tid(page, 'password-changed').waitFor();
      state.password = NEW_PASSWORD;
    },
  },
  {
    name: 'logout in the second context',
    needs: ['second context revokes the first session; the first is sent to login'],
    async run() {
      const page = /** @type {Page} */ (state.page2);
      await tid(page, 'logout').click();
      await tid(page, 'login-form').waitFor();
      // The refresh cookie is gone: a reload stays on the login page.
      await page.reload();
      await tid(page, 'login-form').waitFor();
      assert((await tid(page, 'page-overview').count()) === 0, 'must stay signed out after reload');
    },
  },
  {
    name: 'refresh token cannot be replayed (reuse revokes the session)',
    needs: ['setup owner on a fresh database'],
    async run() {
      const browser = /** @type {Browser} */ (state.browser);
      const { ctx, page } = await newContext(browser, 'replay');
      try {
        await page.goto('/');
        await login(page, OWNER.email, state.password);
        const cookie = (await ctx.cookies()).find((c) => c.name === 'saas_refresh');
        assert(!!cookie, 'expected the saas_refresh cookie after login');
        const original = /** @type {NonNullable<typeof cookie>} */ (cookie);
        assert(original.httpOnly, 'saas_refresh must be HttpOnly');
        assert(original.sameSite === 'Strict', `saas_refresh must be SameSite=Strict (got ${original.sameSite})`);

        // Each call in its own APIRequestContext with an empty cookie jar: only the cookie we send.
        /** @param {string} value */
        const refreshWith = async (value) => {
          const rc = await pwRequest.newContext({ baseURL: BASE });
          try {
            const res = await rc.post('/api/admin-users/refresh', { headers: { Cookie: `saas_refresh=${value}` } });
            const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
            return { status: res.status(), body: await res.json().catch(() => null), setCookie };
          } finally {
            await rc.dispose();
          }
        };
        const first = await refreshWith(original.value);
        assert(first.status === 200, `first use of the refresh token should be 200, got ${first.status}`);
        const token = first.body?.access_token;
        assert(typeof token === 'string' && token.length > 0, 'the refresh answer carries an access token');
        const rotated = first.setCookie.map((c) => /^saas_refresh=([^;]*)/.exec(c)?.[1]).find((v) => v);
        assert(!!rotated && rotated !== original.value, 'the refresh token must be rotated');

        const second = await refreshWith(original.value);
        assert(second.status === 401, `replaying the old refresh token should be 401, got ${second.status}`);
        assert(typeof second.body?.detail === 'string', 'the 401 carries a detail');

        // The whole session is revoked: the rotated refresh token and the new access token are dead.
        const third = await refreshWith(/** @type {string} */ (rotated));
        assert(third.status === 401, `after reuse the rotated token must be refused too, got ${third.status}`);
        const rc = await pwRequest.newContext({ baseURL: BASE });
        try {
          const me = await rc.get('/api/admin-users/me', { headers: { Authorization: `Bearer ${token}` } });
          assert(me.status() === 401, `after reuse the session's access token must be refused, got ${me.status()}`);
        } finally {
          await rc.dispose();
        }
        // And the browser holding that session is sent to login on its next call.
        await page.getByTestId('nav-teams').click();
        await tid(page, 'login-form').waitFor();
      } finally {
        await ctx.close();
      }
    },
  },
  {
    name: 'no uncaught JavaScript errors',
    async run() {
      const pages = [state.page1, state.page2].filter((p) => p && !p.isClosed());
      for (const p of pages) {
        const banner = await tid(/** @type {Page} */ (p), 'global-error-banner').count();
        assert(banner === 0, 'the global error banner is shown');
      }
      assert(pageErrors.length === 0, `uncaught errors: ${pageErrors.join(' | ')}`);
    },
  },
  {
    name: 'uncaught errors and rejections are shown in a banner',
    async run() {
      const browser = /** @type {Browser} */ (state.browser);
      const ctx = await browser.newContext({ viewport: VIEWPORT, baseURL: BASE });
      try {
        const page = await ctx.newPage();
        await page.goto('/');
        await until(async () => (await tid(page, 'login-form').count()) + (await tid(page, 'current-user').count()) > 0, 'the app to start');
        await page.evaluate(() => {
          setTimeout(() => {
            throw new Error('e2e: deliberate uncaught error');
          }, 0);
          void Promise.reject(new Error('e2e: deliberate unhandled rejection'));
        });
        await tid(page, 'global-error-banner').waitFor();
        await until(async () => (await tid(page, 'global-error-item').count()) >= 2, 'both errors in the banner');
        const text = (await tid(page, 'global-error-banner').textContent()) ?? '';
        assert(text.includes('deliberate uncaught error') && text.includes('deliberate unhandled rejection'), `banner text: ${text}`);
        await shot(page, 'error-banner');
      } finally {
        await ctx.close();
      }
    },
  },
];

/** @param {Page} page @param {string} id */
async function inViewport(page, id) {
  const box = await tid(page, id).boundingBox();
  if (!box) return false;
  const vw = page.viewportSize()?.width ?? 0;
  return box.x >= 0 && box.x + box.width <= vw + 1;
}

async function screenshotAll(/** @type {string} */ label) {
  const pages = [state.page1, state.page2].filter((p) => p && !p.isClosed());
  let i = 0;
  for (const p of pages) {
    try {
      await /** @type {Page} */ (p).screenshot({ path: `${SHOTS}failure-${label}-${++i}.png` });
    } catch {
      /* page may be gone */
    }
  }
}

async function main() {
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  state.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let passed = 0;
  let failed = 0;
  try {
    for (const sc of scenarios) {
      const started = Date.now();
      const missing = (sc.needs ?? []).filter((n) => !state.done.has(n));
      if (missing.length) {
        failed++;
        console.log(`FAIL ${sc.name}: not run, depends on failed scenario "${missing[0]}"`);
        continue;
      }
      try {
        await sc.run();
        passed++;
        state.done.add(sc.name);
        console.log(`PASS ${sc.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        failed++;
        const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
        console.log(`FAIL ${sc.name}: ${msg}`);
        await screenshotAll(sc.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60));
      }
    }
  } finally {
    await state.browser.close().catch(() => undefined);
  }
  console.log(`screenshots: ${SHOTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
