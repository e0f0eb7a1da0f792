/**
 * The timeline in the browser: a legend for every colour, full titles, parties heading
 * their organisations, marks on repeated measures; axe-clean at 1280 and 390 px.
 */
import type { Baseline, BaselineDates, Party } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  listMeasures,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

test('timeline: legend, full titles, repeated measures marked, organisations under their party', async ({
  page,
}) => {
  await signIn(page, USERS.viewer);
  const roadmap = await defaultRoadmap(page);
  const measures = await listMeasures(page, roadmap.id);
  const { data: parties } = await apiGet<{ data: Party[] }>(page, '/parties', { limit: 100 });

  await page.goto('/timeline');
  await expect(page.getByRole('heading', { level: 1, name: ru.timeline.title })).toBeVisible();
  await settled(page);
  const legend = page.getByTestId('timeline-legend');
  for (const status of Object.values(ru.enums.status)) await expect(legend).toContainText(status);
  await expect(legend).toContainText(ru.timeline.legendAlsoIn);

  // the longest title is on the page in full, not cut at 30 characters
  const longest = [...measures].sort((a, b) => b.title.ru.length - a.title.ru.length)[0];
  expect(longest.title.ru.length).toBeGreaterThan(60);
  const label = page.locator(`[data-label-code="${longest.code}"]`).first();
  await expect(label).toHaveAttribute('title', new RegExp(`^${longest.code} ${literal(longest.title.ru)}`));
  await expect(label.locator('.accord-tl-text')).toHaveText(`${longest.code} ${longest.title.ru}`);

  // a measure of two spheres is marked in each of its groups
  const multi = measures.find((m) => m.sphereIds.length > 1);
  expect(multi, 'the demo data has a measure in two spheres').toBeTruthy();
  await expect(page.locator(`[data-label-code="${multi!.code}"] [data-also-in]`)).toHaveCount(
    multi!.sphereIds.length,
  );
  await expectNoSeriousA11yViolations(page, 'the timeline by sphere');

  // by organisation: the parties head their organisations, in party order
  await page.getByText(ru.timeline.byOrganisation).click();
  const sections = page.locator('.accord-tl-section');
  const names = [...parties].sort((a, b) => a.code.localeCompare(b.code)).map((p) => p.name.ru);
  await expect(sections).toHaveText(names);
  await expectNoSeriousA11yViolations(page, 'the timeline by organisation');
});

test('timeline: a chosen baseline draws its dates under the bars it holds, read from its dates alone', async ({
  page,
}) => {
  await signIn(page, USERS.viewer);
  const roadmap = await defaultRoadmap(page);
  const measures = await listMeasures(page, roadmap.id);
  const { data: baselines } = await apiGet<{ data: Baseline[] }>(page, `/roadmaps/${roadmap.id}/baselines`);
  expect(baselines.length, 'the demo roadmap has a baseline').toBeGreaterThan(0);
  const chosen = baselines[0];
  const { items } = await apiGet<BaselineDates>(page, `/roadmaps/${roadmap.id}/baselines/${chosen.id}/dates`);
  const held = new Set(items.map((i) => measures.find((m) => m.id === i.measureId)?.code));
  expect(held.size).toBeGreaterThan(0);

  await page.goto('/timeline');
  await settled(page);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.getByLabel(ru.changes.timelineBaseline).selectOption(chosen.id);
  await expect(page.locator('rect[data-part="baseline"]').first()).toBeVisible();
  // every drawn bar has its baseline bar exactly when the baseline holds its measure
  const bars = page.locator('a.accord-tl-bar[data-measure-code]');
  const n = await bars.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const bar = bars.nth(i);
    const code = await bar.getAttribute('data-measure-code');
    await expect(bar.locator('rect[data-part="baseline"]'), code ?? '').toHaveCount(
      held.has(code ?? '') ? 1 : 0,
    );
  }
  expect(asked).toContain(`/api/v1/roadmaps/${roadmap.id}/baselines/${chosen.id}/dates`);
  expect(asked.some((p) => p.endsWith('/diff'))).toBe(false);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('timeline at 390 px: titles shown, no sideways scrolling of the page, axe-clean', async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto('/timeline');
    await expect(page.getByRole('heading', { level: 1, name: ru.timeline.title })).toBeVisible();
    await settled(page);
    const first = page.locator('[data-label-code] .accord-tl-text').first();
    // code and title, not the code alone
    await expect(first).toHaveText(/^\d+(\.\d+)* \S+/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await expectNoSeriousA11yViolations(page, 'the timeline on a phone');
  });
});

/** A string as a literal inside a regular expression. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
