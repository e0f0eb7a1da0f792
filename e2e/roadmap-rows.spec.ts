/**
 * Adding measures from a row of the roadmap tree (issue 9 §2), keyboard first: Tab from a row
 * reaches its menu, which adds a child (code proposed, here edited) or a sibling (code left
 * to the API) in the measure dialog, and the tree stays in view. On a roadmap of its own, so
 * the demo roadmap other tests count stays as it is.
 */
import type { Measure, Organisation, Roadmap } from '../src/contracts';
import {
  apiGet,
  expect,
  expectNoSeriousA11yViolations,
  fill,
  fillMeasure,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

const wb = ru.workbench;

test('an admin adds a child and a sibling from the rows of the tree', async ({ page }, info) => {
  await signIn(page, USERS.admin);
  const made = await page.request.post('/api/v1/roadmaps', {
    data: { title: { ru: 'Дорожная карта для строк дерева' } },
  });
  expect(made.status(), await made.text()).toBe(201);
  const roadmap = (await made.json()) as Roadmap;
  const orgs = await apiGet<{ data: Organisation[] }>(page, '/organisations', { limit: 1 });
  const top = await page.request.post('/api/v1/measures', {
    data: {
      roadmapId: roadmap.id,
      title: { ru: 'Цифровые сервисы на границе' },
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      completionForm: 'event_held',
      responsible: [{ organisationId: orgs.data[0].id, role: 'lead' }],
    },
  });
  expect(top.status(), await top.text()).toBe(201);

  await page.goto(`/roadmap?roadmap=${roadmap.id}`);
  const grid = page.getByRole('treegrid');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.locator('[data-row-index="0"]').focus();
  await page.keyboard.press('Tab');
  const menu = page.getByRole('button', { name: fill(ru.rowActions.menu, { code: '1' }) });
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: wb.measure.addChild }).click();
  const dialog = page.getByRole('dialog', { name: fill(wb.measure.newChildOf, { code: '1' }) });
  await expect(dialog.getByLabel(wb.measure.code)).toHaveAttribute('placeholder', '1.…');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the new measure dialog from a row');
  await dialog.getByLabel(wb.measure.code).fill('1.5');
  await fillMeasure(page, 'Электронная очередь на пунктах пропуска');
  await expect(page).toHaveURL(/\/roadmap\?/);
  await expect(grid.getByText('Электронная очередь на пунктах пропуска')).toBeVisible();

  await page.getByRole('button', { name: fill(ru.rowActions.menu, { code: '1.5' }) }).click();
  await page.getByRole('menuitem', { name: wb.measure.addSibling }).click();
  await expect(page.getByRole('dialog', { name: fill(wb.measure.newChildOf, { code: '1' }) })).toBeVisible();
  await fillMeasure(page, 'Предварительное информирование о грузах');
  await expect(grid.getByText('Предварительное информирование о грузах')).toBeVisible();
  const { data } = await apiGet<{ data: Measure[] }>(page, '/measures', {
    roadmapId: roadmap.id,
    sort: 'code',
  });
  expect(data.map((m) => m.code)).toEqual(['1', '1.5', '1.6']);

  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the roadmap tree with row menus');
  await page.screenshot({ path: info.outputPath('rows-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: fill(ru.rowActions.menu, { code: '1.6' }) })).toBeVisible();
  await page.screenshot({ path: info.outputPath('rows-390.png'), fullPage: true });
});
