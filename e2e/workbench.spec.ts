/**
 * The secretariat's workbench, entirely through the browser: an agreement with its full text,
 * two provisions (reordered, one deleted), a document; a three-level roadmap, approved, then a
 * due date moved with a reason; the audit page with the chain check. Axe on every new page
 * and dialog; screenshots at 1280 and 390 px in the test's output folder.
 */
import type { Agreement, Measure, Provision } from '../src/contracts';
import {
  apiGet,
  expect,
  expectNoSeriousA11yViolations,
  ru,
  settled,
  signIn,
  test,
  USERS,
  expectNoSidewaysScroll,
  fill,
  fillMeasure,
} from './fixtures';

const wb = ru.workbench;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const stamp = Date.now().toString(36);

async function shots(page: import('@playwright/test').Page, name: string) {
  const info = test.info();
  await page.screenshot({ path: info.outputPath(`${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await expectNoSidewaysScroll(page, `${name} at 390 px`);
  await page.screenshot({ path: info.outputPath(`${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an agreement, its provisions, a document and a three-level roadmap built and amended in the browser', async ({
  page,
}) => {
  // one long story with five axe runs; a loaded machine needs the room (alone it takes about a minute)
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.admin);

  // ---- the agreement
  await page.goto('/agreements');
  await page.getByRole('button', { name: wb.agreement.new }).click();
  let dialog = page.getByRole('dialog', { name: wb.agreement.new });
  await dialog
    .getByLabel(fill(wb.agreement.titleIn, { lang: ru.fields.langRu }))
    .fill(`Соглашение о транзите ${stamp}`);
  await dialog
    .getByLabel(fill(wb.agreement.fullTextIn, { lang: ru.fields.langRu }))
    .fill('Стороны договорились о нижеследующем.');
  await dialog.getByLabel(ru.agreements.signedOn).fill('12.11.2025');
  await expectNoSeriousA11yViolations(page, 'the agreement dialog');
  await dialog.getByRole('button', { name: ru.common.create }).click();
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreementId = page.url().split('/').pop() as string;
  await expect(page.getByTestId('agreement-full-text')).toHaveText('Стороны договорились о нижеследующем.');

  // ---- two provisions, the second moved up, the first (implemented by nothing) deleted
  for (const [number, text] of [
    ['1', 'Стороны развивают транзит.'],
    ['2', 'Стороны создают рабочую группу.'],
  ]) {
    await page.getByRole('button', { name: wb.provision.new }).click();
    dialog = page.getByRole('dialog', { name: wb.provision.new });
    await dialog.getByLabel(wb.provision.number).fill(number);
    await dialog.getByLabel(fill(wb.provision.textIn, { lang: ru.fields.langRu })).fill(text);
    await dialog.getByRole('button', { name: ru.common.add }).click();
    await expect(dialog).toBeHidden();
  }
  const numbers = () =>
    page.getByTestId('provision').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  await expect.poll(numbers).toEqual(['1', '2']);
  await page
    .getByRole('button', { name: `${wb.moveUp}: ${fill(ru.agreements.provisionNumber, { number: '2' })}` })
    .click();
  await expect.poll(numbers).toEqual(['2', '1']);

  // ---- a document
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'Соглашение.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('agreement-document')).toContainText('Соглашение.pdf');
  const docs = await apiGet<{ data: { sha256: string }[] }>(page, `/agreements/${agreementId}/documents`);
  expect(docs.data).toHaveLength(1);

  await page
    .getByRole('button', {
      name: `${ru.common.delete}: ${fill(ru.agreements.provisionNumber, { number: '1' })}`,
    })
    .click();
  dialog = page.getByRole('dialog', { name: fill(wb.provision.deleteTitle, { number: '1' }) });
  await expect(dialog).toContainText(wb.provision.deleteText);
  await dialog.getByRole('button', { name: ru.common.delete }).click();
  await expect.poll(numbers).toEqual(['2']);
  const left = await apiGet<{ data: Provision[] }>(page, `/agreements/${agreementId}/provisions`);
  expect(left.data.map((p) => p.number)).toEqual(['2']);
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the agreement page');
  await shots(page, 'agreement');

  // ---- a roadmap implementing it, three levels deep
  await page.goto('/roadmap');
  await page.getByRole('button', { name: wb.roadmap.new }).click();
  dialog = page.getByRole('dialog', { name: wb.roadmap.new });
  await dialog
    .getByLabel(fill(wb.agreement.titleIn, { lang: ru.fields.langRu }))
    .fill(`Дорожная карта транзита ${stamp}`);
  await dialog.getByRole('combobox', { name: wb.roadmap.agreements }).click();
  await page.getByRole('option', { name: `Соглашение о транзите ${stamp}` }).click();
  await page.keyboard.press('Escape');
  await expectNoSeriousA11yViolations(page, 'the roadmap dialog');
  await shots(page, 'roadmap-dialog');
  await dialog.getByRole('button', { name: ru.common.create }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: ru.roadmap.chooseRoadmap })).toHaveValue(/[0-9a-f-]{36}/);

  await page.getByRole('button', { name: wb.measure.newTop }).click();
  await fillMeasure(page, 'Развитие транзитных коридоров', '31.12.2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1 Развитие транзитных коридоров/);
  await page.getByRole('button', { name: wb.measure.actions }).click();
  await page.getByRole('menuitem', { name: wb.measure.addChild }).click();
  // the menu fades out while the dialog opens: audit the dialog once the menu has gone
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the new measure dialog');
  await shots(page, 'measure-dialog');
  await fillMeasure(page, 'Модернизация пунктов пропуска', '30.09.2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1\.1 Модернизация/);
  // the keyboard reaches the menu too
  await page.getByRole('button', { name: wb.measure.actions }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: wb.measure.addChild }).focus();
  await page.keyboard.press('Enter');
  await fillMeasure(page, 'Открыть пункт пропуска «Жайсан»', '30.06.2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1\.1\.1 Открыть/);
  const leafId = page.url().split('/').pop() as string;
  const leaf = await apiGet<Measure>(page, `/measures/${leafId}`);

  // ---- approve: the confirmation says what follows
  await page.goto(`/roadmap?roadmap=${leaf.roadmapId}`);
  await page.getByRole('button', { name: wb.roadmap.to.approved.button }).click();
  dialog = page.getByRole('dialog', { name: wb.roadmap.to.approved.title });
  await expect(dialog).toContainText(wb.roadmap.to.approved.text);
  await dialog.getByRole('button', { name: wb.roadmap.to.approved.confirm }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: wb.roadmap.to.archived.button })).toBeVisible();

  // ---- move the leaf's due date with a reason
  await page.goto(`/measures/${leafId}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  await page.getByLabel(ru.fields.dueDate).fill('31.08.2026');
  await page.getByLabel(wb.reason.label).fill('Решение 27-го заседания комиссии');
  await page.getByRole('button', { name: ru.common.save }).click();
  await expect
    .poll(async () => (await apiGet<Measure>(page, `/measures/${leafId}`)).dueDate)
    .toBe('2026-08-31');

  // ---- the audit page: the leaf's events, the chain intact
  await page.goto(`/admin/audit?entityId=${leafId}`);
  await expect(page.getByTestId('audit-event').first()).toBeVisible();
  await expect(page.getByTestId('audit-event').first()).toContainText('measure.update');
  await expect(page.getByTestId('audit-event').first()).toContainText('2026-08-31');
  await page.getByRole('button', { name: wb.audit.verify }).click();
  await expect(page.getByTestId('audit-verification')).toContainText('Цепочка цела');
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the audit page');
  await shots(page, 'audit');

  const agreement = await apiGet<Agreement>(page, `/agreements/${agreementId}`);
  expect(agreement.provisionCount).toBe(1);
});
