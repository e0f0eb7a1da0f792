/**
 * Commission meetings written in the browser (issue 9 §5): the secretariat creates a meeting
 * with its agenda and a decision linked to a measure, edits it (and meets a stale version),
 * uploads, replaces and downloads the protocol, holds it (then it is read-only); a planned
 * meeting is deleted. The form and the page pass axe and fit a 390 px screen.
 */
import type { Meeting } from '../src/contracts';
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
  fill,
} from './fixtures';

const inRu = (key: string) => fill(key, { lang: ru.fields.langRu });
const F = ru.meetingForm;
const PDF = Buffer.from('%PDF-1.4\n% протокол заседания\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function noSidewaysScroll(page: import('@playwright/test').Page, what: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `${what} scrolls sideways at 390 px`,
    })
    .toBeLessThanOrEqual(0);
}

test('an admin creates, edits, documents and holds a meeting', async ({ page }, info) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.admin);
  const roadmap = await defaultRoadmap(page);
  const existing = await apiGet<{ data: Meeting[] }>(page, '/commission-meetings', { limit: 100 });
  const number = Math.max(0, ...existing.data.map((m) => m.number)) + 1;

  await page.goto('/meetings');
  await page.getByRole('button', { name: F.new }).click();
  const form = page.getByRole('dialog', { name: F.newTitle });
  await expect(form.getByLabel(F.number)).toHaveValue(String(number));
  await form.getByRole('textbox', { name: ru.meetings.date, exact: true }).fill('15.06.2026');
  await form.getByLabel(inRu(F.placeIn)).fill('Алматы');
  const kzChair = form.getByRole('group', { name: /Сопредседатель: .*Казахстан/ });
  await kzChair.getByLabel(inRu(F.chairNameIn)).fill('Иванов И. И.');
  await kzChair.getByLabel(inRu(F.chairPositionIn)).fill('Заместитель Премьер-Министра');
  await form.getByRole('combobox', { name: ru.meetings.roadmaps }).click();
  await page.getByRole('option', { name: roadmap.title.ru }).click();
  await page.keyboard.press('Escape');
  await expect(form).toBeVisible();

  await form.getByRole('button', { name: F.addAgendaItem }).click();
  await form.getByRole('button', { name: F.addAgendaItem }).click();
  const titles = form.getByLabel(inRu(F.agendaTitleIn));
  await titles.nth(0).fill('О ходе реализации дорожной карты');
  await titles.nth(1).fill('О переносе сроков');
  await form.getByRole('button', { name: fill(F.moveUp, { name: fill(F.agendaItem, { n: 2 }) }) }).click();
  await expect(titles.nth(0)).toHaveValue('О переносе сроков');

  await form.getByRole('button', { name: F.addDecision }).click();
  await form.getByLabel(inRu(F.decisionTextIn)).fill('Перенести срок мероприятия 1.3.1');
  const picker = form.getByLabel(fill(F.linkMeasure, { n: 1 }), { exact: true });
  await picker.fill('1.3.1');
  await page.getByRole('option', { name: /^1\.3\.1 / }).click();
  await form.getByLabel(fill(F.effectOf, { measure: '1.3.1' })).selectOption('moves_dates');
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the meeting form');
  await form.screenshot({ path: info.outputPath('form-1280.png') });
  await noSidewaysScroll(page, 'the meeting form');
  await page.screenshot({ path: info.outputPath('form-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await form.getByRole('button', { name: ru.common.create }).click();
  const title = fill(ru.meetings.numbered, { number });
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const id = page.url().split('/').pop()!;
  const agenda = page.getByRole('region', { name: ru.meetings.agenda });
  await expect(agenda.getByRole('listitem')).toHaveText([
    'О переносе сроков',
    'О ходе реализации дорожной карты',
  ]);
  const decisions = page.getByRole('region', { name: ru.meetings.decisions });
  await expect(decisions).toContainText('1. Перенести срок мероприятия 1.3.1');
  await expect(decisions.getByRole('link', { name: /^1\.3\.1 / })).toBeVisible();
  await expect(decisions).toContainText(ru.planHistory.effects.moves_dates);
  await expect(page.getByText('Иванов И. И., Заместитель Премьер-Министра')).toBeVisible();

  // an edit; then someone else saves first, and the form says so and reloads
  await page.getByRole('button', { name: ru.common.edit }).click();
  let edit = page.getByRole('dialog', { name: fill(F.editTitle, { number }) });
  await edit.getByLabel(inRu(F.placeIn)).fill('Астана');
  await edit.getByRole('button', { name: ru.common.save }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('region', { name: title })).toContainText('Астана');
  await page.getByRole('button', { name: ru.common.edit }).click();
  edit = page.getByRole('dialog', { name: fill(F.editTitle, { number }) });
  const current = await apiGet<Meeting>(page, `/commission-meetings/${id}`);
  const other = await page.request.patch(`/api/v1/commission-meetings/${id}`, {
    data: { version: current.version, place: { ru: 'Бишкек' } },
  });
  expect(other.status()).toBe(200);
  await edit.getByLabel(inRu(F.placeIn)).fill('Шымкент');
  await edit.getByRole('button', { name: ru.common.save }).click();
  await expect(edit.getByText(F.conflictTitle)).toBeVisible();
  await edit.getByRole('button', { name: F.reload }).click();
  await expect(edit.getByLabel(inRu(F.placeIn))).toHaveValue('Бишкек');
  await edit.getByRole('button', { name: ru.common.cancel }).click();

  // the protocol: a wrong file is refused in Russian, then uploaded, replaced, downloaded
  const protocol = page.getByRole('region', { name: ru.meetings.protocol });
  const input = protocol.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'протокол.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('не PDF'),
  });
  await protocol.getByRole('button', { name: F.upload }).click();
  await expect(protocol.getByRole('alert')).toContainText(/[А-Яа-я]/);
  await input.setInputFiles({ name: `Протокол ${number}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  await protocol.getByRole('button', { name: F.upload }).click();
  const link = protocol.getByRole('link', {
    name: fill(ru.meetings.download, { name: `Протокол ${number}.pdf` }),
  });
  await expect(link).toBeVisible();
  await expect(protocol).toContainText(fill(F.kb, { size: 1 }));
  const signed = Buffer.concat([PDF, Buffer.from('% подписан\n')]);
  await input.setInputFiles({
    name: `Протокол ${number} подписанный.pdf`,
    mimeType: 'application/pdf',
    buffer: signed,
  });
  await protocol.getByRole('button', { name: F.upload }).click();
  const replace = page.getByRole('dialog', { name: F.replaceTitle });
  await expect(replace).toContainText(`Протокол ${number}.pdf`);
  await replace.getByRole('button', { name: F.replace }).click();
  const signedLink = protocol.getByRole('link', {
    name: fill(ru.meetings.download, { name: `Протокол ${number} подписанный.pdf` }),
  });
  const [download] = await Promise.all([page.waitForEvent('download'), signedLink.click()]);
  expect(download.suggestedFilename()).toBe(`Протокол ${number} подписанный.pdf`);
  const { readFile } = await import('node:fs/promises');
  expect((await readFile(await download.path())).equals(signed)).toBe(true);

  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the meeting page');
  await page.screenshot({ path: info.outputPath('meeting-1280.png'), fullPage: true });
  await noSidewaysScroll(page, 'the meeting page');
  await page.screenshot({ path: info.outputPath('meeting-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // holding freezes the plan; the meeting is read-only from then on, in the page and the API
  await page.getByRole('button', { name: ru.meetings.hold }).click();
  await page
    .getByRole('dialog', { name: fill(ru.meetings.holdTitle, { number }) })
    .getByRole('button', { name: ru.meetings.confirm })
    .click();
  await expect(page.getByText(ru.meetings.held, { exact: true })).toBeVisible();
  await expect(page.getByText(F.readOnly, { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: ru.common.edit })).toHaveCount(0);
  await expect(page.getByRole('button', { name: ru.common.delete })).toHaveCount(0);
  const held = await apiGet<Meeting>(page, `/commission-meetings/${id}`);
  const refused = await page.request.patch(`/api/v1/commission-meetings/${id}`, {
    data: { version: held.version, place: { ru: 'Другое место' } },
  });
  expect(refused.status()).toBe(409);
});

test('an admin deletes a planned meeting; others see no controls', async ({ page, browser }) => {
  await signIn(page, USERS.admin);
  const existing = await apiGet<{ data: Meeting[] }>(page, '/commission-meetings', { limit: 100 });
  const number = Math.max(0, ...existing.data.map((m) => m.number)) + 1;
  const made = await page.request.post('/api/v1/commission-meetings', {
    data: { number, date: '2026-12-01', agenda: [{ title: { ru: 'Черновик повестки' } }] },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { id } = (await made.json()) as Meeting;

  const viewer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signIn(viewer, USERS.coordinatorKz);
  await viewer.goto(`/meetings/${id}`);
  await expect(
    viewer.getByRole('heading', { name: fill(ru.meetings.numbered, { number }), level: 1 }),
  ).toBeVisible();
  await expect(viewer.getByRole('button', { name: ru.common.edit })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: ru.meetings.hold })).toHaveCount(0);
  await expect(viewer.locator('input[type="file"]')).toHaveCount(0);
  await viewer.goto('/meetings');
  await expect(viewer.getByRole('button', { name: F.new })).toHaveCount(0);
  await viewer.close();

  await page.goto(`/meetings/${id}`);
  await page.getByRole('button', { name: ru.common.delete }).click();
  const confirm = page.getByRole('dialog', { name: fill(F.deleteTitle, { number }) });
  await expect(confirm).toContainText(F.deleteText);
  await confirm.getByRole('button', { name: ru.common.delete }).click();
  await expect(page).toHaveURL(/\/meetings$/);
  await expect(page.getByRole('link', { name: fill(ru.meetings.numbered, { number }) })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/commission-meetings/${id}`)).status()).toBe(404);
});
