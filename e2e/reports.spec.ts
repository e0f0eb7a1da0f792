/**
 * Progress reports in the browser: a reporter starts a report from «Мои отчёты», fills it,
 * uploads evidence (with its progress) and submits it; a coordinator approves one report from
 * the queue in bulk and returns another with a reason. axe-core on each page and dialog.
 */
import type { Report } from '../src/contracts';
import { apiGet, expect, expectNoSeriousA11yViolations, ru, settled, signIn, test, USERS } from './fixtures';

const R = ru.reports;
const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k) => v[k] ?? '');

test('a reporter fills a report, uploads evidence and submits it', async ({ page }) => {
  await signIn(page, USERS.reporterKz);
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: R.mine.title })).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'My reports');
  const start = page.getByRole('button', { name: R.mine.start }).first();
  await expect(start).toBeVisible();
  await start.click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await settled(page);
  const form = page.getByTestId('report-form');
  await form.getByLabel(R.report.status).selectOption('in_progress');
  await form.getByLabel(R.report.progress).fill('35');
  await form
    .getByLabel(fill(R.report.narrativeLang, { lang: ru.locales.ru }))
    .fill('Проведено совещание рабочей группы');
  await form.getByRole('button', { name: R.report.save }).click();
  await expect(page.getByText(R.report.saved)).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({
    name: 'Протокол.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% протокол совещания\n%%EOF\n'),
  });
  await page.getByRole('button', { name: R.evidence.upload, exact: true }).click();
  const link = page.getByRole('link', { name: fill(R.evidence.download, { name: 'Протокол.pdf' }) });
  await expect(link).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the report form');

  await page.getByRole('button', { name: R.report.submit }).click();
  await expect(page.getByText(R.report.moved.submit)).toBeVisible();
  await expect(page.locator('[data-state="submitted"]').first()).toBeVisible();
  const id = page.url().split('/').pop()!;
  const saved = await apiGet<Report>(page, `/reports/${id}`);
  expect(saved).toMatchObject({ state: 'submitted', progress: 35, status: 'in_progress' });
  expect(saved.evidenceFiles.map((f) => f.fileName)).toEqual(['Протокол.pdf']);
  const file = await page.request.get(`/api/v1/evidence/${saved.evidenceFiles[0].id}`);
  expect(file.headers()['content-type']).toBe('application/pdf');
});

test('a coordinator approves one report in bulk and returns another with a reason', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  await page.goto('/reports/approval');
  await expect(page.getByRole('heading', { level: 1, name: R.queue.title })).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the approval queue');
  const rows = page.locator('[data-testid^="queue-"]');
  expect(await rows.count()).toBeGreaterThan(1);
  await rows.first().getByRole('checkbox').check();
  await page.getByRole('button', { name: fill(R.queue.approveSelected, { count: '1' }) }).click();
  await expect(page.getByTestId('bulk-result')).toContainText(fill(R.queue.result, { ok: '1', failed: '0' }));

  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await settled(page);
  await page.getByRole('button', { name: R.report.return, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: R.report.returnTitle });
  await dialog.getByLabel(R.report.reason).fill('Приложите протокол совещания');
  await expectNoSeriousA11yViolations(page, 'the return dialog');
  await dialog.getByRole('button', { name: R.report.return }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('return-reason')).toContainText('Приложите протокол совещания');
  const id = page.url().split('/').pop()!;
  expect((await apiGet<Report>(page, `/reports/${id}`)).state).toBe('returned');
  await expectNoSeriousA11yViolations(page, 'a returned report');
});
