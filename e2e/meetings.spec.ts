/**
 * Commission meetings and "what changed" (issue 9 §3–5): the secretariat amends an approved
 * plan with a reason, holds the 27th meeting and reads what changed since the 26th, on the
 * meeting page and the roadmap page; a coordinator asks to move a due date and the
 * secretariat accepts it. Every new page passes axe and fits a 390 px screen.
 */
import type { Meeting } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  expectNoSidewaysScroll,
  measureByCode,
  ru,
  settled,
  signIn,
  test,
  USERS,
  fill,
} from './fixtures';

test('an admin holds the 27th meeting and reads what changed since the 26th', async ({ page }, info) => {
  await signIn(page, USERS.admin);
  const roadmap = await defaultRoadmap(page);
  const m = await measureByCode(page, '1.3.2');
  const moved = await page.request.patch(`/api/v1/measures/${m.id}`, {
    data: { version: m.version, dueDate: '2026-12-30' },
  });
  expect(moved.status(), 'an approved plan changes only with a reason').toBe(400);
  const ok = await page.request.patch(`/api/v1/measures/${m.id}`, {
    data: { version: m.version, dueDate: '2026-12-30', reason: 'Перенос по согласованию сторон' },
  });
  expect(ok.status()).toBe(200);

  await page.goto('/meetings');
  await expect(page.getByRole('heading', { name: ru.meetings.title, level: 1 })).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the meetings list');
  await page.getByRole('link', { name: fill(ru.meetings.numbered, { number: 27 }) }).click();
  await expect(
    page.getByRole('heading', { name: fill(ru.meetings.numbered, { number: 27 }), level: 1 }),
  ).toBeVisible();
  const since = page.getByRole('region', { name: ru.meetings.sincePrevious });
  const row = since.getByTestId('diff-changed-1.3.2');
  await expect(row).toContainText('30.11.2026');
  await expect(row).toContainText('30.12.2026');
  await expect(row).toContainText('позже на 30 дн.');
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the meeting page');

  await page.getByRole('button', { name: ru.meetings.hold }).click();
  const dialog = page.getByRole('dialog', { name: fill(ru.meetings.holdTitle, { number: 27 }) });
  await expectNoSeriousA11yViolations(page, 'the hold dialog');
  await dialog.getByRole('button', { name: ru.meetings.confirm }).click();
  await expect(page.getByText(ru.meetings.held, { exact: true })).toBeVisible();
  const { data } = await apiGet<{ data: Meeting[] }>(page, '/commission-meetings');
  expect(data.find((x) => x.number === 27)?.heldAt).not.toBeNull();
  // the diff now runs from the 26th meeting's baseline to the 27th's: the move is still there
  await expect(since.getByTestId('diff-changed-1.3.2')).toContainText('позже на 30 дн.');

  // the roadmap page: by default since the last meeting (nothing yet), then since the approved plan
  await page.goto(`/roadmap?roadmap=${roadmap.id}`);
  const changes = page.getByRole('region', { name: ru.changes.title });
  await expect(changes.getByText(ru.changes.nothing)).toBeVisible({ timeout: 30_000 });
  const from = changes.getByLabel(ru.changes.from, { exact: true });
  const approved = await from.locator('option', { hasText: 'Утверждённый план' }).getAttribute('value');
  await from.selectOption(approved!);
  await expect(changes.getByTestId('diff-changed-1.1.2')).toContainText('30.04.2026');
  await expect(changes.getByTestId('diff-changed-1.3.2')).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the roadmap page with what changed');

  for (const [path, name] of [
    ['/meetings', 'meetings'],
    [`/meetings/${data.find((x) => x.number === 27)!.id}`, 'meeting'],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    await settled(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide, `${path} scrolls sideways at 390 px`).toBe(false);
    await page.screenshot({ path: info.outputPath(`${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: info.outputPath(`${name}-1280.png`), fullPage: true });
  }
});

test('a coordinator asks to move a due date and the secretariat accepts it', async ({ page, browser }) => {
  await signIn(page, USERS.coordinatorKz);
  const m = await measureByCode(page, '1.2.2');
  await page.goto(`/measures/${m.id}`);
  const history = page.getByRole('region', { name: ru.planHistory.title });
  await history.getByRole('button', { name: ru.planHistory.ask }).click();
  const dialog = page.getByRole('dialog', { name: fill(ru.planHistory.askTitle, { code: '1.2.2' }) });
  await dialog.getByLabel(ru.planHistory.newDue).fill('30.09.2027');
  await dialog.getByLabel(ru.planHistory.reason).fill('Нужна экспертиза проекта');
  await expectNoSeriousA11yViolations(page, 'the change request dialog');
  await dialog.getByRole('button', { name: ru.planHistory.ask }).click();
  await expect(dialog).toBeHidden();
  await expect(history).toContainText(ru.changeRequests.states.open);

  const admin = await (await browser.newContext({ baseURL: new URL(page.url()).origin })).newPage();
  await signIn(admin, USERS.admin);
  await admin.goto('/change-requests');
  const row = admin.getByTestId('change-request-1.2.2');
  await expect(row).toContainText('Нужна экспертиза проекта');
  await settled(admin);
  await expectNoSeriousA11yViolations(admin, 'the change requests queue');
  await row.getByRole('button', { name: fill(ru.changeRequests.acceptLabel, { code: '1.2.2' }) }).click();
  const accept = admin.getByRole('dialog', { name: fill(ru.planDecision.acceptTitle, { code: '1.2.2' }) });
  await expect(accept.getByLabel(ru.bulkDecision.label)).toHaveValue('');
  await accept.getByRole('button', { name: ru.changeRequests.accept }).click();
  await expect(row).toBeHidden(); // the open list no longer holds it
  const after = await measureByCode(admin, '1.2.2');
  expect(after.dueDate).toBe('2027-09-30');
  await admin.close();

  await page.reload();
  await expect(page.getByRole('region', { name: ru.planHistory.title })).toContainText(
    ru.changeRequests.states.accepted,
  );
  await expect(page.getByTestId('plan-moves')).toContainText('30.09.2027');
});

test('an admin moves a due date in the edit form citing a decision, seen on the measure and the meeting', async ({
  page,
}, info) => {
  await signIn(page, USERS.admin);
  const m = await measureByCode(page, '4.2.2');
  const { data: meetings } = await apiGet<{ data: Meeting[] }>(page, '/commission-meetings', {
    roadmapId: m.roadmapId,
  });
  const meeting = meetings.find((x) => x.number === 26)!;
  const decision = meeting.decisions.find((d) => d.number === 1)!;

  await page.goto(`/measures/${m.id}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  const form = page.getByRole('form', { name: ru.measure.editTitle });
  await form.getByLabel(ru.fields.dueDate).fill('31.01.2028');
  await form.getByLabel(ru.workbench.reason.label).fill('По решению комиссии');
  const picker = form.getByLabel(ru.bulkDecision.label);
  // the decisions of the meetings reviewing this roadmap, by meeting and number, in Russian
  const option = fill(ru.bulkDecision.option, { meeting: 26, number: 1, text: decision.text.ru });
  await expect(picker.locator('option', { hasText: option })).toHaveCount(1);
  await picker.selectOption(decision.id);
  // cleared and chosen again from the keyboard
  await picker.focus();
  await page.keyboard.press('Home');
  await expect(picker).toHaveValue('');
  await picker.selectOption(decision.id);
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the edit form with the decision picker');
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('edit-decision-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page, 'the edit form at 390 px');
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('edit-decision-390.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await form.getByRole('button', { name: ru.common.save }).click();
  await expect(form).toHaveCount(0);

  const history = page.getByRole('region', { name: ru.planHistory.title });
  await expect(history.getByRole('link', { name: /^26-е заседание .*решение № 1$/ })).toBeVisible();
  await expect(history).toContainText(ru.planHistory.effects.moves_dates);
  await page.goto(`/meetings/${meeting.id}`);
  const decisions = page.getByRole('region', { name: ru.meetings.decisions });
  await expect(decisions.getByRole('link', { name: `4.2.2 ${m.title.ru}` })).toBeVisible();
});
