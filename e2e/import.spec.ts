/**
 * Roadmap import in the browser (admin): upload an XLSX built here, map the column the page
 * does not know, see the preview, import, then export the roadmap and read the file back.
 */
import { readXlsx } from '../src/documents/import/xlsx';
import type { Organisation, Roadmap } from '../src/contracts';
import { xlsxOf } from '../src/test/import-files';
import { apiGet, expect, expectNoSeriousA11yViolations, ru, settled, signIn, test, USERS } from './fixtures';

test('an admin maps an unknown column, previews, imports and exports', async ({ page }, testInfo) => {
  await signIn(page, USERS.admin);
  const created = await page.request.post('/api/v1/roadmaps', {
    data: { title: { ru: `Импорт из браузера ${Date.now()}` } },
  });
  expect(created.status()).toBe(201);
  const roadmap = (await created.json()) as Roadmap;
  const orgs = await apiGet<{ data: Organisation[] }>(page, '/organisations', { limit: 100 });
  const kz = orgs.data.find((o) => o.name.ru.includes('Казахстан'))!;
  const file = await xlsxOf([
    ['План на 2026 год'],
    ['Что сделать', 'Срок исполнения', 'Ответственные исполнители (Республика Казахстан)'],
    ['Провести заседание рабочей группы', 'IV квартал 2026 года', kz.name.ru],
    ['Подготовить доклад', 'декабрь 2026', kz.name.ru],
  ]);

  await page.goto(`/roadmap/import?roadmap=${roadmap.id}`);
  await expect(page.getByRole('heading', { level: 1, name: ru.import.title })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'план.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await page.getByRole('button', { name: ru.import.check }).click();
  // the header «Что сделать» is unknown: the page says so and offers the mapping
  await expect(page.getByTestId('import-errors')).toContainText('строка заголовков не распознана');
  await page.getByLabel('Что сделать').selectOption('title');
  await page.getByLabel('Срок исполнения').selectOption('dueDate');
  await page.getByLabel('Ответственные исполнители (Республика Казахстан)').selectOption('responsible:KZ');
  await page.getByLabel(ru.import.saveMapping).check();
  await page.getByRole('button', { name: ru.import.checkAgain }).click();
  await expect(page.getByTestId('import-counts')).toContainText('Будет создано: 2');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  const rows = page.getByTestId('import-rows');
  await expect(rows).toContainText('Провести заседание рабочей группы');
  await expect(rows).toContainText('31 дек. 2026');
  await expectNoSeriousA11yViolations(page, 'the import preview');
  await page.screenshot({ path: testInfo.outputPath('preview-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // the layout follows the new width on the next render
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('preview-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: ru.import.import }).click();
  await expect(page.getByRole('status').filter({ hasText: ru.import.done })).toBeVisible();
  // the mapping is saved beside the import: wait for it rather than race it
  await expect
    .poll(
      async () =>
        (await apiGet<{ mapping: Record<string, string> }>(page, `/roadmaps/${roadmap.id}/import-mapping`))
          .mapping['Что сделать'],
    )
    .toBe('title');

  await page.getByRole('link', { name: ru.import.openRoadmap }).click();
  await settled(page);
  await expect(page.getByText('Провести заседание рабочей группы')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: ru.import.exportXlsx }).click();
  const path = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const grid = await readXlsx(await readFile(path));
  expect(grid.rows.map((r) => r[1])).toEqual([
    'Наименование мероприятия',
    'Провести заседание рабочей группы',
    'Подготовить доклад',
  ]);
});
