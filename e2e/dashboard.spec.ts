/**
 * The dashboard against the summary and measure APIs, on its one counting basis: leaf
 * measures (measures without children). Every tile, count and list is checked against
 * what the API says for the same user, and the page says which basis it counts.
 */
import type { Page } from '@playwright/test';
import type { Measure, Sphere } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  getSummary,
  kk,
  listMeasures,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

const num = (n: number) => new Intl.NumberFormat('ru-RU').format(n);
const pct = (n: number) =>
  new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
/** Text as the page shows it: Intl puts no-break spaces between digits and before «%». */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ').trim();

async function openDashboard(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: ru.dashboard.title })).toBeVisible();
  await settled(page);
}

test('dashboard: every figure equals the summary API, counted on leaf measures', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  const roadmap = await defaultRoadmap(page);
  const summary = await getSummary(page, roadmap.id);
  const leaves = await listMeasures(page, roadmap.id, { leaf: 'true' });
  const { data: spheres } = await apiGet<{ data: Sphere[] }>(page, '/spheres', { limit: 100 });
  // the demo data has parents, so the two bases really differ
  expect(summary.leaves.total).toBeLessThan(summary.measureCount);
  expect(leaves.length).toBe(summary.leaves.total);

  await openDashboard(page);
  await expect(page.getByLabel(ru.dashboard.roadmap)).toHaveValue(roadmap.id);

  // the page says what it counts: «… нижнего уровня …: 58 из 91»
  const basis = page.getByTestId('counting-basis');
  await expect(basis).toContainText(`${num(summary.leaves.total)} из ${num(summary.measureCount)}`);

  const stats = page.getByTestId('summary-stats');
  const stat = (name: string) => stats.locator(`[data-stat="${name}"]`);
  await expect(stat('leaves')).toContainText(ru.dashboard.leafCount);
  await expect(stat('leaves')).toContainText(num(summary.leaves.total));
  await expect(stat('completionLevel')).toContainText(ru.enums.completionLevel[summary.completionLevel]);
  await expect(stat('leaves').getByTestId('measure-count')).toContainText(num(summary.measureCount));
  await expect(stat('overdue')).toContainText(num(summary.leaves.overdue));
  await expect(stat('atRisk')).toContainText(num(summary.leaves.atRisk));
  // the demo has missing and late reports: their tiles show the summary's counts, and the late
  // one opens the roadmap filtered on it
  expect(summary.lateReport).toBeGreaterThan(0);
  await expect(stat('reportMissing')).toContainText(num(summary.reportMissing));
  await expect(stat('lateReport')).toContainText(num(summary.lateReport));
  await expect(stat('lateReport').getByRole('link')).toHaveAttribute('href', /lateReport=1/);
  expect(plain(await stat('rollUp').textContent())).toContain(plain(pct(summary.rollUp)));

  // status counts are leaf counts: they add up to the leaf tile, and each links to its status
  const counts = page.getByTestId('status-counts');
  let sum = 0;
  for (const [status, n] of Object.entries(summary.leaves.byStatus)) {
    const link = counts.locator(`[data-status-count="${status}"]`);
    await expect(link, `count of ${status}`).toHaveText(num(n));
    await expect(link).toHaveAttribute('href', new RegExp(`status=${status}`));
    expect(n, `${status} counted over leaves`).toBe(leaves.filter((m) => m.status === status).length);
    sum += n;
  }
  expect(sum).toBe(summary.leaves.total);

  // the completion level is read on its scale: four levels with bands, the roadmap's marked
  const scale = page.getByTestId('completion-scale');
  await expect(scale.locator('li')).toHaveCount(4);
  await expect(scale.locator('li[aria-current="true"]')).toHaveAttribute(
    'data-level',
    summary.completionLevel,
  );
  await expect(scale.locator('li[aria-current="true"]')).toContainText(
    ru.enums.completionLevel[summary.completionLevel],
  );
  await expect(scale.locator('li[data-level="limited"]')).toContainText('1–49 %');
  await expect(scale.locator('li[data-level="substantial"]')).toContainText('50–99 %');

  // progress by sphere: the chart's data table has one row per sphere with its leaf progress
  const sphereSection = page.getByRole('region', { name: ru.dashboard.bySphere });
  await sphereSection.getByText(ru.dashboard.chartTable).click();
  const sphereTable = page.getByTestId('dash-spheres-table');
  await expect(sphereTable.locator('tbody tr')).toHaveCount(summary.bySphere.length);
  for (const g of summary.bySphere) {
    const name = spheres.find((s) => s.id === g.sphereId)?.name.ru ?? '?';
    const row = sphereTable.locator('tbody tr').filter({ hasText: name });
    expect(plain(await row.locator('td').nth(1).textContent()), `progress of ${name}`).toBe(
      plain(pct(g.progress)),
    );
  }

  // every list holds leaf measures only, and says how many there are in all
  const lists = [
    { id: 'overdue-list', total: summary.leaves.overdue, check: (m: Measure) => m.overdue },
    { id: 'atrisk-list', total: summary.leaves.atRisk, check: (m: Measure) => m.atRisk },
    { id: 'duesoon-list', total: -1, check: (m: Measure) => m.dueDate >= summary.asOf },
  ];
  for (const list of lists) {
    const el = page.getByTestId(list.id);
    if (list.total >= 0) await expect(page.getByTestId(`${list.id}-shown`)).toContainText(`из ${list.total}`);
    const hrefs = await el
      .locator('a[href^="/measures/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length, `${list.id} is not empty`).toBeGreaterThan(0);
    for (const href of hrefs) {
      const m = await apiGet<Measure>(page, href!);
      expect(m.childCount, `${m.code} in ${list.id} is a leaf measure`).toBe(0);
      expect(list.check(m), `${m.code} belongs in ${list.id}`).toBe(true);
    }
  }

  // organisations ranked by their overdue leaf measures, counted from the measure API
  const overdueLeaves = leaves.filter((m) => m.overdue);
  const rows = page.getByTestId('top-organisations').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  let previous = Number.POSITIVE_INFINITY;
  for (const row of await rows.all()) {
    const orgId = (await row.getAttribute('data-organisation'))!;
    const expected = overdueLeaves.filter((m) =>
      m.responsible.some((r) => r.organisationId === orgId),
    ).length;
    const shown = Number(await row.locator('td').nth(2).textContent());
    expect(shown, `overdue leaf measures of ${orgId}`).toBe(expected);
    expect(shown).toBeLessThanOrEqual(previous);
    previous = shown;
  }
  await expectNoSeriousA11yViolations(page, 'the dashboard');
});

test('dashboard in Kazakh: the basis and the scale are in Kazakh, and axe finds nothing serious', async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorRu);
  try {
    await openDashboard(page);
    await page.getByLabel(ru.nav.language).selectOption('kk');
    await expect(page.getByRole('heading', { level: 1, name: kk.dashboard.title })).toBeVisible();
    await settled(page);
    await expect(page.getByTestId('counting-basis')).toContainText('төменгі деңгейдегі іс-шаралар');
    await expect(page.getByTestId('completion-scale')).toContainText(kk.enums.completionLevel.substantial);
    await expect(page.getByTestId('summary-stats')).toContainText(kk.dashboard.leafCount);
    await expect(page.getByRole('region', { name: kk.dashboard.topOrganisations })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the dashboard in Kazakh');
  } finally {
    // the other tests expect this user in Russian
    await page.request.patch('/api/v1/me', { data: { locale: 'ru' } });
  }
});

test('dashboard links open the roadmap on the same basis: as many overdue measures as the tile says', async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorKz);
  const roadmap = await defaultRoadmap(page);
  const summary = await getSummary(page, roadmap.id);
  const overdueAll = await listMeasures(page, roadmap.id, { overdue: 'true' });
  // the demo data has overdue parents too, so counting them would show a larger number
  expect(overdueAll.length).toBeGreaterThan(summary.leaves.overdue);
  const found = ru.roadmap.matches.replace('{{count}}', num(summary.leaves.overdue));

  await openDashboard(page);
  const tile = page.getByTestId('summary-stats').locator('[data-stat="overdue"]');
  await expect(tile).toContainText(num(summary.leaves.overdue));
  await tile.getByRole('link').click();
  await expect(page).toHaveURL((u) => u.pathname === '/roadmap' && u.searchParams.get('leaf') === '1');
  await expect(page.getByRole('status').filter({ hasText: found })).toBeVisible();
  const filters = page.getByRole('search', { name: ru.roadmap.filters });
  await expect(filters.getByRole('checkbox', { name: ru.listing.leafOnly })).toBeChecked();
  await expect(filters.getByRole('checkbox', { name: ru.roadmap.overdueOnly })).toBeChecked();

  // the overdue list's «show all» gives the same count, as a flat list by due date
  await page.goBack();
  await settled(page);
  const showAll = page.getByTestId('overdue-list').getByRole('link', { name: ru.common.showAll });
  // the list shows eight rows, so the demo's overdue measures need the link
  expect(summary.leaves.overdue).toBeGreaterThan(8);
  await showAll.click();
  await expect(page).toHaveURL(
    (u) => u.searchParams.get('view') === 'flat' && u.searchParams.get('leaf') === '1',
  );
  await expect(page.getByRole('status').filter({ hasText: found })).toBeVisible();

  // unticking the filter counts the parents as well, as GET /measures does
  await page.goto(`/roadmap?roadmap=${roadmap.id}&overdue=1&leaf=1`);
  const leafOnly = page
    .getByRole('search', { name: ru.roadmap.filters })
    .getByRole('checkbox', { name: ru.listing.leafOnly });
  // a click rather than uncheck(): the box follows the URL, which the router updates a moment later
  await leafOnly.click();
  await expect(page).toHaveURL((u) => !u.searchParams.has('leaf'));
  await expect(leafOnly).not.toBeChecked();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: ru.roadmap.matches.replace('{{count}}', num(overdueAll.length)) }),
  ).toBeVisible();
  await settled(page);
});
