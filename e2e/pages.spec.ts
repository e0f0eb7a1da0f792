/**
 * Every page opens with its real content, checked against what the API says for the same
 * user (the API is read through the page's own cookies).
 */
import type { Agreement, Organisation, Party, Provision, User } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  listMeasures,
  measureByCode,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

const h1 = (page: import('@playwright/test').Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });

test('agreements: the list and an agreement with its parties and provisions in reading order', async ({
  page,
}) => {
  await signIn(page, USERS.viewer);
  const { data: agreements } = await apiGet<{ data: Agreement[] }>(page, '/agreements', { limit: 100 });
  const { data: parties } = await apiGet<{ data: Party[] }>(page, '/parties', { limit: 100 });
  expect(agreements.length).toBeGreaterThan(0);
  const agreement = agreements[0];

  await page.goto('/agreements');
  await expect(h1(page, ru.agreements.title)).toBeVisible();
  const table = page.getByTestId('agreements-table');
  await expect(table.locator('tbody tr')).toHaveCount(agreements.length);
  const row = table.locator('tbody tr').filter({ hasText: agreement.title.ru });
  await expect(row).toContainText(ru.enums.agreementKind[agreement.kind]);
  await expect(row).toContainText(ru.enums.agreementStatus[agreement.status]);

  await row.getByRole('link', { name: agreement.title.ru }).click();
  await expect(page).toHaveURL(`/agreements/${agreement.id}`);
  await expect(h1(page, agreement.title.ru)).toBeVisible();
  for (const pid of agreement.partyIds) {
    const party = parties.find((p) => p.id === pid)!;
    await expect(page.getByTestId('agreement-parties')).toContainText(party.name.ru);
  }

  // a provision shows the measures that implement it, with their status
  const { data: provisions } = await apiGet<{ data: Provision[] }>(
    page,
    `/agreements/${agreement.id}/provisions`,
    {
      limit: 500,
    },
  );
  const implementing = await measureByCode(page, '1.1.1');
  const provision = provisions.find((p) => implementing.provisionIds.includes(p.id))!;
  expect(provision, 'measure 1.1.1 implements a provision').toBeTruthy();
  const section = page.getByRole('region', { name: ru.agreements.provisions, exact: true });
  // every provision once, in the API's reading order (no longer once per sphere)
  await expect(section.getByTestId('provision')).toHaveCount(provisions.length);
  expect(
    await section
      .getByTestId('provision')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-number'))),
  ).toEqual(provisions.map((p) => p.number));
  const item = section.locator(`[data-testid="provision"][data-number="${provision.number}"]`);
  await expect(item).toContainText(ru.agreements.provisionNumber.replace('{{number}}', provision.number));
  await expect(item.getByRole('link', { name: implementing.title.ru })).toHaveAttribute(
    'href',
    `/measures/${implementing.id}`,
  );
  await expect(item).toContainText(ru.enums.status[implementing.status]);
});

test('roadmap: the tree opens, expands and shows every visible measure', async ({ page }) => {
  await signIn(page, USERS.viewer);
  const roadmap = await defaultRoadmap(page);
  const measures = await listMeasures(page, roadmap.id);
  const roots = measures.filter((m) => m.parentId === null);

  await page.goto('/roadmap');
  await expect(h1(page, ru.roadmap.title)).toBeVisible();
  const grid = page.getByRole('treegrid', { name: ru.roadmap.tableLabel });
  await expect(grid).toBeVisible();
  // top level first, with its direct children open
  const firstRoot = roots[0];
  const row = (code: string) => grid.getByRole('row').filter({ has: page.getByText(code, { exact: true }) });
  await expect(row(firstRoot.code)).toHaveAttribute('aria-level', '1');
  await expect(row(firstRoot.code)).toHaveAttribute('aria-expanded', 'true');

  // a level-2 row opens on demand
  const child = measures.find((m) => m.parentId === firstRoot.id && m.childCount > 0)!;
  const grandchild = measures.find((m) => m.parentId === child.id)!;
  await expect(row(grandchild.code)).toHaveCount(0);
  await grid.getByRole('button', { name: ru.roadmap.expand.replace('{{code}}', child.code) }).click();
  await expect(row(grandchild.code)).toBeVisible();
  await expect(row(grandchild.code)).toContainText(grandchild.title.ru);
  await expect(row(grandchild.code)).toContainText(ru.enums.status[grandchild.status]);

  await page.getByRole('button', { name: ru.roadmap.expandAll }).click();
  await expect(
    page.getByText(ru.roadmap.rowsInfo.replace('{{count}}', String(measures.length))),
  ).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(measures.length + 1));
});

test('measure page: fields, responsible bodies, provisions, children and history', async ({ page }) => {
  await signIn(page, USERS.viewer);
  const m = await measureByCode(page, '4.1');
  const { data: orgs } = await apiGet<{ data: Organisation[] }>(page, '/organisations', { limit: 500 });
  const history = await apiGet<{ data: unknown[] }>(page, `/measures/${m.id}/history`);

  await page.goto(`/measures/${m.id}`);
  await expect(h1(page, `${m.code} ${m.title.ru}`)).toBeVisible();
  const details = page.getByRole('region', { name: ru.measure.details });
  await expect(details).toContainText(ru.enums.status[m.status]);
  await expect(details).toContainText(ru.enums.completionForm[m.completionForm]);
  await expect(details).toContainText(ru.common.percent.replace('{{value}}', String(m.progress)));

  const responsible = page.getByRole('region', { name: ru.measure.responsible });
  for (const r of m.responsible) {
    const org = orgs.find((o) => o.id === r.organisationId)!;
    await expect(responsible, `responsible ${org.name.ru}`).toContainText(org.shortName?.ru ?? org.name.ru);
  }
  const children = page.getByRole('region', { name: ru.measure.children });
  await expect(children.getByRole('link')).toHaveCount(m.childCount);
  const provisions = page.getByRole('region', { name: ru.measure.provisions });
  await expect(provisions.getByRole('link')).toHaveCount(m.provisionIds.length);
  // the history comes from the audit trail: at least the creation by the demo loader
  expect(history.data.length).toBeGreaterThan(0);
  const historySection = page.getByRole('region', { name: ru.measure.history });
  await expect(historySection).toContainText(ru.history.actions.create);
  // the viewer reads only
  await expect(page.getByText(ru.measure.readOnly)).toBeVisible();
  await expect(page.getByRole('button', { name: ru.measure.edit })).toHaveCount(0);
});

test('timeline: bars by sphere with a today line, zoom in the URL, a bar opens its measure', async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorRu);
  const roadmap = await defaultRoadmap(page);
  const measures = await listMeasures(page, roadmap.id);

  await page.goto('/timeline');
  await expect(h1(page, ru.timeline.title)).toBeVisible();
  const chart = page.getByLabel(ru.timeline.chartLabel, { exact: true });
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('today-line')).toHaveCount(1);
  const bars = chart.locator('a[data-measure-code]');
  expect(await bars.count()).toBeGreaterThan(10);
  // overdue bars are marked, and only those
  const overdueCodes = new Set(measures.filter((m) => m.overdue).map((m) => m.code));
  const marked = await chart
    .locator('a[data-overdue]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-measure-code')));
  expect(marked.length).toBeGreaterThan(0);
  for (const code of marked) expect(overdueCodes.has(code ?? ''), `${code} is overdue`).toBe(true);

  await page.getByText(ru.timeline.month, { exact: true }).click();
  await expect(page.getByRole('radio', { name: ru.timeline.month })).toBeChecked();
  await expect(page).toHaveURL(/zoom=month/);

  const target = measures.find((m) => m.code === '3.2.1')!;
  await chart.locator(`a[data-measure-code="${target.code}"]`).first().click();
  await expect(page).toHaveURL(`/measures/${target.id}`);
  await expect(h1(page, `${target.code} ${target.title.ru}`)).toBeVisible();
});

test('admin: organisations of both parties and the users', async ({ page }) => {
  await signIn(page, USERS.admin);
  const { data: orgs, total } = await apiGet<{ data: Organisation[]; total: number }>(
    page,
    '/organisations',
    {
      limit: 500,
    },
  );
  const users = await apiGet<{ data: User[]; total: number }>(page, '/users', { limit: 100 });

  await page.goto('/admin/organisations');
  await expect(h1(page, ru.admin.organisations)).toBeVisible();
  await settled(page);
  const table = page.getByTestId('organisations-table');
  await expect(table.locator('tbody tr')).toHaveCount(total);
  const transport = orgs.find((o) => o.name.ru === 'Министерство транспорта Республики Казахстан')!;
  await expect(table.locator('tbody tr').filter({ hasText: transport.name.ru })).toContainText(
    'Республика Казахстан',
  );
  await expect(page.getByRole('button', { name: ru.admin.newOrganisation })).toBeVisible();

  await page
    .getByRole('navigation', { name: ru.admin.title })
    .getByRole('link', { name: ru.admin.users })
    .click();
  await expect(page).toHaveURL('/admin/users');
  await expect(h1(page, ru.admin.users)).toBeVisible();
  const usersTable = page.getByTestId('users-table');
  await expect(usersTable.locator('tbody tr')).toHaveCount(Math.min(users.total, users.data.length));
  const reporter = usersTable.locator('tbody tr').filter({ hasText: USERS.reporterKz.email });
  await expect(reporter).toContainText(ru.enums.role.reporter);
  await expect(reporter).toContainText('Минтранс РК');
  await expect(reporter.getByRole('button', { name: new RegExp(`^${ru.admin.disableUser}:`) })).toBeVisible();
});

test('admin pages are not offered to other roles', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  await page.goto('/');
  await expect(h1(page, ru.dashboard.title)).toBeVisible();
  await expect(page.getByRole('link', { name: ru.nav.admin })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(h1(page, ru.errors.notFoundTitle)).toBeVisible();
  expect((await page.request.get('/api/v1/users')).status()).toBe(403);
});

test('profile: who I am, my language, password change and API tokens', async ({ page }) => {
  const me = await signIn(page, USERS.reporterKz);
  await page.goto('/');
  await page.getByRole('button', { name: ru.nav.userMenu.replace('{{name}}', me.name) }).click();
  await page.getByRole('menuitem', { name: ru.nav.profile }).click();
  await expect(page).toHaveURL('/profile');
  await expect(h1(page, ru.profile.title)).toBeVisible();
  const personal = page.getByRole('region', { name: ru.profile.personal });
  await expect(personal).toContainText(me.email);
  await expect(personal).toContainText(ru.enums.role.reporter);
  await expect(personal).toContainText('Министерство транспорта Республики Казахстан');
  await expect(page.getByRole('region', { name: ru.profile.password })).toBeVisible();
  await expect(page.getByLabel(ru.profile.currentPassword)).toBeVisible();
  const tokens = page.getByRole('region', { name: ru.profile.tokens });
  await expect(tokens.getByLabel(ru.profile.tokenName)).toBeVisible();
  await expect(tokens.getByRole('button', { name: ru.profile.createToken })).toBeVisible();
});
