/**
 * The roadmap table: filters live in the URL (so a reload or a shared link gives the same
 * view) and agree with GET /measures; a bulk status change applies to every selected row.
 */
import type { Page } from '@playwright/test';
import type { Measure, Sphere } from '../src/contracts';
import { apiGet, defaultRoadmap, expect, listMeasures, ru, signIn, test, USERS } from './fixtures';

interface ShownRow {
  code: string;
  context: boolean;
}

const grid = (page: Page) => page.getByRole('treegrid', { name: ru.roadmap.tableLabel });

/**
 * The body rows of the table as the user sees them: the code of each, and whether it is
 * only there as context (an ancestor of a match). The table is virtualised, so this reads
 * what is rendered; the views checked here are short enough to be rendered whole.
 */
async function shownRows(page: Page): Promise<ShownRow[]> {
  return grid(page)
    .getByRole('row')
    .evaluateAll(
      (els, contextLabel) =>
        els
          // the header row holds column headers, not a measure
          .filter((el) => !el.querySelector('th, [role="columnheader"]'))
          .map((el) => {
            // the code is the cell whose whole text is a code like 4.2.1 or 4.2.KZ1
            const cells = [...el.children].map((c) => c.textContent?.trim() ?? '');
            const code = cells.find((t) => /^([A-Z]{2,8})?\d+(\.([A-Z]{2,8})?\d+)*$/.test(t)) ?? '';
            return { code, context: (el.textContent ?? '').includes(contextLabel) };
          }),
      ru.roadmap.contextShort,
    );
}

const matchedCodes = async (page: Page) =>
  (await shownRows(page))
    .filter((r) => !r.context)
    .map((r) => r.code)
    .sort();
const codesOf = (ms: Measure[]) => ms.map((m) => m.code).sort();
const found = (n: number) =>
  n === 0 ? ru.roadmap.noMatches : ru.roadmap.matches.replace('{{count}}', String(n));

test('filter by sphere and status: the URL, the rows, and the same view after a reload', async ({ page }) => {
  await signIn(page, USERS.viewer);
  const roadmap = await defaultRoadmap(page);
  const { data: spheres } = await apiGet<{ data: Sphere[] }>(page, '/spheres', { limit: 100 });
  const transport = spheres.find((s) => s.code === 'transport')!;
  const expected = await listMeasures(page, roadmap.id, { sphereId: transport.id, status: 'in_progress' });
  expect(expected.length).toBeGreaterThan(2);

  await page.goto('/roadmap');
  await expect(grid(page)).toBeVisible();
  const filters = page.getByRole('search', { name: ru.roadmap.filters });
  await filters.getByLabel(ru.roadmap.sphere, { exact: true }).selectOption({ label: transport.name.ru });
  await expect(page).toHaveURL((u) => u.searchParams.get('sphere') === transport.id);

  await filters.getByLabel(ru.roadmap.status, { exact: true }).click();
  await page.getByRole('option', { name: ru.enums.status.in_progress }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL((u) => u.searchParams.get('status') === 'in_progress');

  await expect(page.getByText(found(expected.length))).toBeVisible();
  // the flat view lists the matches alone
  await filters.getByText(ru.roadmap.viewFlat, { exact: true }).click();
  await expect(page).toHaveURL((u) => u.searchParams.get('view') === 'flat');
  await expect.poll(() => matchedCodes(page)).toEqual(codesOf(expected));
  expect((await shownRows(page)).every((r) => !r.context)).toBe(true);

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByText(found(expected.length))).toBeVisible();
  await expect(filters.getByLabel(ru.roadmap.sphere, { exact: true })).toHaveValue(transport.id);
  await expect(filters.getByText(ru.enums.status.in_progress)).toBeVisible();
  await expect.poll(() => matchedCodes(page)).toEqual(codesOf(expected));
});

test('text search understands Russian word forms; a shared link shows the same rows', async ({ page }) => {
  await signIn(page, USERS.coordinatorRu);
  const roadmap = await defaultRoadmap(page);
  // «семинары» (plural) must find measures that say «семинар»
  const query = 'семинары';
  const expected = await listMeasures(page, roadmap.id, { q: query });
  expect(expected.length).toBeGreaterThan(0);
  for (const m of expected) expect(m.title.ru.toLowerCase()).toContain('семинар');
  expect(expected.some((m) => m.title.ru.toLowerCase().includes(query))).toBe(false);

  await page.goto(`/roadmap?roadmap=${roadmap.id}`);
  await expect(grid(page)).toBeVisible();
  await page.getByRole('searchbox', { name: ru.roadmap.text }).fill(query);
  await expect(page).toHaveURL((u) => u.searchParams.get('q') === query);
  await expect(page.getByText(found(expected.length))).toBeVisible();
  // the tree keeps each match under its ancestors, marked as context
  await expect.poll(() => matchedCodes(page)).toEqual(codesOf(expected));
  const rows = await shownRows(page);
  for (const m of expected) {
    const parent = expected.find((x) => x.id === m.parentId);
    if (!parent && m.parentId) {
      const ancestor = rows.find((r) => m.code.startsWith(`${r.code}.`));
      expect(ancestor?.context, `an ancestor of ${m.code} is shown as context`).toBe(true);
    }
  }

  // the link opened in a fresh page (as if shared) gives the same view
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('searchbox', { name: ru.roadmap.text })).toHaveValue(query);
  await expect(other.getByText(found(expected.length))).toBeVisible();
  await expect.poll(() => matchedCodes(other)).toEqual(codesOf(expected));
  await other.close();
});

test('bulk edit: select rows, change their status, all of them change', async ({ page }) => {
  // status follows reconciliation: changing it directly is the secretariat's correction
  await signIn(page, USERS.admin);
  const roadmap = await defaultRoadmap(page);
  const { data: spheres } = await apiGet<{ data: Sphere[] }>(page, '/spheres', { limit: 100 });
  const humanitarian = spheres.find((s) => s.code === 'humanitarian')!;
  const candidates = await listMeasures(page, roadmap.id, {
    sphereId: humanitarian.id,
    status: 'not_started',
  });
  const chosen = candidates.filter((m) => m.childCount === 0).slice(0, 2);
  expect(chosen, 'two not-started humanitarian measures').toHaveLength(2);

  await page.goto(`/roadmap?roadmap=${roadmap.id}&sphere=${humanitarian.id}&status=not_started&view=flat`);
  await expect(page.getByText(found(candidates.length))).toBeVisible();
  for (const m of chosen) {
    await grid(page)
      .getByRole('checkbox', { name: ru.roadmap.selectRow.replace('{{code}}', m.code) })
      .check();
  }
  const bar = page.getByRole('region', { name: ru.bulk.title });
  await expect(bar).toContainText(ru.counts.selected_few.replace('{{count}}', '2'));
  await bar.getByRole('button', { name: ru.bulk.changeStatus }).click();

  const dialog = page.getByRole('dialog', { name: ru.bulk.changeStatus });
  await expect(dialog).toContainText(ru.bulk.intro);
  await dialog.getByLabel(ru.bulk.newStatus).selectOption('in_progress');
  await dialog.getByLabel(ru.statusCorrection.reason).fill('Сведения секретариата');
  await dialog.getByRole('button', { name: ru.bulk.apply }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: ru.bulk.done_few.replace('{{count}}', '2') }),
  ).toBeVisible();

  // the server changed both, and the filtered view no longer lists them
  for (const m of chosen) {
    const now = await apiGet<Measure>(page, `/measures/${m.id}`);
    expect(now.status, m.code).toBe('in_progress');
    expect(now.version, m.code).toBe(m.version + 1);
  }
  await expect(page.getByText(found(candidates.length - 2))).toBeVisible();
  await page.reload();
  await expect(page.getByText(found(candidates.length - 2))).toBeVisible();
  const shown = await matchedCodes(page);
  for (const m of chosen) expect(shown).not.toContain(m.code);
});
