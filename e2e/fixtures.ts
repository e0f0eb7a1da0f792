/**
 * Shared pieces of the browser tests: the demo users, signing in through the API (fast) or
 * the form (what a person does), reading the API with the page's own cookies, axe-core,
 * and a screenshot of every test's final page (`final.png` in the test's output folder).
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { Measure, Roadmap, RoadmapSummary, User } from '../src/contracts';
import en from '../src/web/i18n/en';
import kk from '../src/web/i18n/kk';
import ru from '../src/web/i18n/ru';

export { en, expect, kk, ru };

/** The password of every demo user (data/demo/users.json, loaded by `ACCORD_DEMO=1`). */
export const DEMO_PASSWORD = 'accord-demo-2025';

/** Demo accounts by what they are for; admin's password is set by e2e/server.mjs. */
export const USERS = {
  admin: { email: 'admin@accord.local', password: 'e2e-admin-password' },
  coordinatorKz: { email: 'coordinator.kz@accord.local', password: DEMO_PASSWORD },
  coordinatorRu: { email: 'coordinator.ru@accord.local', password: DEMO_PASSWORD },
  /** Ministry of Transport of Kazakhstan. */
  reporterKz: { email: 'reporter.kz@accord.local', password: DEMO_PASSWORD },
  /** Ministry of Transport of Russia. */
  reporterRu: { email: 'reporter.ru@accord.local', password: DEMO_PASSWORD },
  viewer: { email: 'viewer@accord.local', password: DEMO_PASSWORD },
} as const;

export type DemoUser = (typeof USERS)[keyof typeof USERS];

/**
 * Signs in through the API with the page's request context, which shares the browser's
 * cookie jar: the next navigation is signed in. The form itself is tested in auth.spec.ts.
 */
export async function signIn(page: Page, user: DemoUser): Promise<User> {
  const res = await page.request.post('/api/v1/session', {
    data: { email: user.email, password: user.password },
  });
  expect(res.status(), `sign-in of ${user.email}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { user: User }).user;
}

/** Fills and submits the sign-in form as a person would. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(ru.auth.email).fill(email);
  await page.getByLabel(ru.auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: ru.auth.submit }).click();
}

/** GET from the API with the page's cookies; fails the test with the body on a non-200. */
export async function apiGet<T>(
  page: Page,
  path: string,
  params?: Record<string, string | number>,
): Promise<T> {
  const res = await page.request.get(`/api/v1${path}`, { params });
  expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** The roadmap the app opens by default: the most recently updated approved one. */
export async function defaultRoadmap(page: Page): Promise<Roadmap> {
  const { data } = await apiGet<{ data: Roadmap[] }>(page, '/roadmaps', { limit: 100 });
  const byRecent = [...data].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  const chosen = byRecent.find((r) => r.status === 'approved') ?? byRecent[0];
  expect(chosen, 'the demo data has a roadmap').toBeTruthy();
  return chosen;
}

/** Every measure of a roadmap this user may see, optionally filtered as GET /measures allows. */
export async function listMeasures(
  page: Page,
  roadmapId: string,
  filters: Record<string, string> = {},
): Promise<Measure[]> {
  const body = await apiGet<{ data: Measure[]; total: number }>(page, '/measures', {
    roadmapId,
    limit: 500,
    ...filters,
  });
  expect(body.total, 'all measures fit in one page').toBe(body.data.length);
  return body.data;
}

/** One measure of the default roadmap by its code (e.g. `4.2.1`). */
export async function measureByCode(page: Page, code: string): Promise<Measure> {
  const roadmap = await defaultRoadmap(page);
  const found = (await listMeasures(page, roadmap.id)).find((m) => m.code === code);
  expect(found, `measure ${code} is visible to this user`).toBeTruthy();
  return found!;
}

/** The summary the dashboard must agree with. */
export function getSummary(page: Page, roadmapId: string): Promise<RoadmapSummary> {
  return apiGet<RoadmapSummary>(page, `/roadmaps/${roadmapId}/summary`);
}

/** Waits until the page's own spinners are gone, so checks see data and not "loading". */
export async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('loading-state')).toHaveCount(0);
  await expect(page.locator('main [role="status"][aria-label="' + ru.app.loading + '"]')).toHaveCount(0);
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page and fails with
 * every serious or critical violation listed: rule, impact, help and the offending nodes.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  // One axe.run in the page itself (legacy mode) rather than a partial run per frame finished
  // in a second, blank page: the same rules on our same-origin pages, without a new renderer
  // and a second copy of axe per check (~40 % of the check's CPU).
  // A dialog or menu still fading in or out is half transparent: axe would judge colours and
  // roles of a frame no user dwells on. Let running transitions finish first.
  // (Endless ones, a spinner's, never finish and are left alone.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Only violations are judged: axe still runs every rule on every node, but builds the
  // selectors and details of one node per passed, incomplete or inapplicable rule instead of
  // all of them (that tail is over half the check's CPU on a long page).
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `• [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`,
          )
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
  expect(bad, `axe-core on ${what} (${page.url()}) found serious/critical violations:\n${report}`).toEqual(
    [],
  );
}

/**
 * The test object of every spec: as @playwright/test's, plus an automatic fixture that
 * saves a screenshot of the final state as `final.png` in the test's output folder, whether
 * the test passed or failed: the whole page when it failed, the screen when it passed.
 */
export const test = base.extend<{ finalScreenshot: undefined }>({
  finalScreenshot: [
    async ({ page }, use, testInfo) => {
      await use(undefined);
      const path = testInfo.outputPath('final.png');
      // A full-page shot lays the page out again at its whole height and back (about a
      // CPU-second on a long page); a failure is worth it, a pass is not.
      const fullPage = testInfo.status !== testInfo.expectedStatus;
      try {
        await page.screenshot({ path, fullPage, timeout: 10_000 });
        await testInfo.attach('final', { path, contentType: 'image/png' });
      } catch (e) {
        // a crashed or closed page has nothing to show; the failure itself is reported anyway
        testInfo.annotations.push({ type: 'screenshot', description: `not taken: ${String(e)}` });
      }
    },
    { auto: true },
  ],
});

/**
 * The page fits its viewport's width: nothing scrolls sideways. Polled, because the layout
 * follows a viewport resize a few frames later.
 */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `${what} scrolls sideways`,
    })
    .toBeLessThanOrEqual(1);
}

/** A catalogue string with its {{placeholders}} filled, as i18next would. */
export const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => (k in v ? String(v[k]) : whole));

/**
 * Creates a measure through the open create dialog: its Russian title, dates (start
 * 01.02.2026) and the first organisation offered as its one responsible body.
 */
export async function fillMeasure(page: Page, title: string, due = '30.11.2026'): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(fill(ru.measure.titleIn, { lang: ru.fields.langRu })).fill(title);
  await dialog.getByLabel(ru.fields.startDate).fill('01.02.2026');
  await dialog.getByLabel(ru.fields.dueDate).fill(due);
  await dialog.getByRole('button', { name: ru.measure.addResponsible }).click();
  await dialog
    .getByRole('combobox', { name: `${ru.measure.organisation} 1` })
    .or(dialog.getByRole('textbox', { name: `${ru.measure.organisation} 1` }))
    .click();
  // the combobox's own list (native <option>s of other selects have the role too)
  await page.getByRole('listbox').getByRole('option').first().click();
  await dialog.getByRole('button', { name: ru.common.create }).click();
  await expect(dialog).toBeHidden();
}
