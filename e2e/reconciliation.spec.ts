/**
 * Reconciliation: a coordinator opens a disputed measure, sees both parties' claims side by
 * side, confirms values with a dissent; the other party sees the proposal and the dissent on
 * the measure page. Both pages pass axe and fit a phone's width.
 */
import type { JointStatus, JointStatusDetail } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

test('a coordinator opens a disputed measure, sees both claims and confirms with a dissent', async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorKz);
  const roadmap = await defaultRoadmap(page);
  // the demo has disputes: both parties' approved reports, far apart
  const { data } = await apiGet<{ data: JointStatus[] }>(page, '/joint-statuses', {
    roadmapId: roadmap.id,
    state: 'disputed',
  });
  expect(data.length, 'a disputed joint status in the demo').toBeGreaterThan(0);
  // one whose two claims are both "in progress", so that confirming 70 % is a valid value
  const details = await Promise.all(
    data.map((d) => apiGet<JointStatusDetail>(page, `/joint-statuses/${d.id}`)),
  );
  const detail =
    details.find((d) => d.claims.length === 2 && d.claims.every((c) => c.status === 'in_progress')) ??
    details[0];
  const js = data.find((d) => d.id === detail.id)!;
  const { data: parties } = await apiGet<{ data: { id: string; code: string }[] }>(page, '/parties');
  const claimOf = (code: string) =>
    detail.claims.find((c) => c.partyId === parties.find((p) => p.code === code)?.id)!;

  await page.goto('/');
  await settled(page);
  // the dashboard counts the disputed measures (their latest joint status) and the navigation leads to them
  const summary = await apiGet<{ disputed: number }>(page, `/roadmaps/${roadmap.id}/summary`);
  expect(summary.disputed).toBeGreaterThan(0);
  expect(summary.disputed).toBeLessThanOrEqual(data.length);
  await expect(page.locator('[data-stat="disputed"]')).toContainText(String(summary.disputed));
  await page.getByRole('navigation', { name: ru.nav.main }).getByRole('link', { name: ru.joint.nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: ru.joint.pageTitle })).toBeVisible();
  const list = page.getByRole('navigation', { name: ru.joint.listLabel });
  await list.getByRole('button', { name: new RegExp(`${js.measure.code} · ${js.period.code}`) }).click();
  await expect(
    page.getByRole('heading', {
      name: ru.joint.viewTitle.replace('{{code}}', js.measure.code).replace('{{period}}', js.period.code),
    }),
  ).toBeVisible();

  // both claims, side by side, with their narratives
  const kz = page.getByRole('region', { name: ru.joint.claimOf.replace('{{party}}', 'KZ') });
  const rus = page.getByRole('region', { name: ru.joint.claimOf.replace('{{party}}', 'RU') });
  await expect(kz).toContainText(ru.common.percent.replace('{{value}}', String(claimOf('KZ').progress)));
  await expect(rus).toContainText(ru.common.percent.replace('{{value}}', String(claimOf('RU').progress)));
  await expect(kz).toContainText((claimOf('KZ').narrative?.ru ?? '').slice(0, 30));
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the reconciliation page with a dispute open');

  const form = page.getByRole('form', { name: ru.joint.confirmTitle });
  await form.getByLabel(ru.measure.progressLabel).fill('70');
  await form.getByLabel(ru.joint.dissent).fill('Пусконаладка не завершена, но участок границы готов');
  await form.getByRole('button', { name: ru.joint.confirm }).click();
  await expect(page.getByText(ru.joint.confirmed)).toBeVisible();

  const after = await apiGet<JointStatusDetail>(page, `/joint-statuses/${js.id}`);
  // Russia has not confirmed these values yet: still disputed, with Kazakhstan's proposal
  expect(after).toMatchObject({ state: 'disputed', status: 'in_progress', progress: 70 });
  expect(after.dissents.map((d) => d.text)).toEqual(['Пусконаладка не завершена, но участок границы готов']);
  await expect(page.getByTestId('dissent').first()).toContainText('участок границы готов');

  // at a phone's width nothing scrolls sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  // the layout follows the new width on the next render
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('reconciliation-390.png'), fullPage: true });
});

test('the other party sees the proposal and the dissent on the measure page; its own view passes axe', async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorRu);
  const roadmap = await defaultRoadmap(page);
  const { data } = await apiGet<{ data: JointStatus[] }>(page, '/joint-statuses', { roadmapId: roadmap.id });
  const js = data.find((j) => j.dissents.length > 0) ?? data[0];
  await page.goto(`/measures/${js.measure.id}`);
  const section = page.getByRole('region', { name: ru.joint.sectionTitle });
  await expect(section).toBeVisible();
  // the measure may have joint statuses for several periods: this one is among them
  await expect(section.getByTestId('joint-period').filter({ hasText: js.period.code })).toHaveCount(1);
  await expect(section).toContainText(ru.joint.state[js.state]);
  await expect(page.getByRole('region', { name: ru.indicators.title })).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the measure page with its joint status');
  await page.screenshot({ path: test.info().outputPath('measure-joint-1280.png'), fullPage: true });
});
