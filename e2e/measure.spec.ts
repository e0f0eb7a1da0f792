/**
 * Editing a measure: an allowed user changes it and the change survives a reload (and is in
 * its history); status and progress are the secretariat's corrections (with a reason), since
 * they follow reconciliation; reporters see measures read-only and the API refuses them too.
 */
import type { Measure } from '../src/contracts';
import { apiGet, expect, measureByCode, ru, settled, signIn, test, USERS } from './fixtures';

test('an admin corrects progress and status with a reason; the change is kept', async ({ page }) => {
  // status and progress follow reconciliation: a direct change is the secretariat's correction
  const me = await signIn(page, USERS.admin);
  const before = await measureByCode(page, '4.2.1');
  expect(before.childCount).toBe(0);
  const progress = before.progress === 55 ? 60 : 55;
  const status = before.status === 'in_progress' ? 'not_started' : 'in_progress';

  await page.goto(`/measures/${before.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${before.code} ${before.title.ru}` }),
  ).toBeVisible();
  await page.getByRole('button', { name: ru.measure.edit }).click();
  const form = page.getByRole('form', { name: ru.measure.editTitle });
  await expect(form).toBeVisible();

  await form.getByLabel(ru.fields.status).selectOption(status);
  const progressInput = form.getByLabel(ru.measure.progressLabel);
  await progressInput.fill(String(progress));
  // without a reason the server refuses, naming the reason field
  await form.getByRole('button', { name: ru.common.save }).click();
  const reason = form.getByLabel(ru.workbench.reason.label);
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  expect((await apiGet<Measure>(page, `/measures/${before.id}`)).version).toBe(before.version);
  await reason.fill('Исправление ошибки ввода');
  await form.getByRole('button', { name: ru.common.save }).click();
  await expect(page.getByText(ru.common.saved)).toBeVisible();
  await expect(form).toHaveCount(0);

  // the server has it…
  const after = await apiGet<Measure>(page, `/measures/${before.id}`);
  expect(after.progress).toBe(progress);
  expect(after.status).toBe(status);
  expect(after.version).toBe(before.version + 1);

  // …and a reload shows it, with the change in the history: who, what, from and to
  await page.reload();
  const details = page.getByRole('region', { name: ru.measure.details });
  await expect(details).toContainText(ru.common.percent.replace('{{value}}', String(progress)));
  await expect(details).toContainText(ru.enums.status[status]);
  const history = page.getByRole('region', { name: ru.measure.history });
  // the person by name, not by e-mail address, and why the measure changed
  expect(me.name).not.toBe('');
  const entry = history.getByRole('listitem').filter({ hasText: me.name }).first();
  await expect(entry).toContainText(ru.history.actions.update);
  await expect(entry).not.toContainText(me.email);
  await expect(entry).toContainText(ru.common.percent.replace('{{value}}', String(before.progress)));
  await expect(entry).toContainText(ru.common.percent.replace('{{value}}', String(progress)));
  await settled(page);
});

test('a reporter no longer edits its measure: it reports; the API refuses a status change', async ({
  page,
}) => {
  // 4.2.1 is led by reporter.kz's ministry; its status follows the reconciled reports
  await signIn(page, USERS.reporterKz);
  const m = await measureByCode(page, '4.2.1');
  await page.goto(`/measures/${m.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `${m.code} ${m.title.ru}` })).toBeVisible();
  await expect(page.getByText(ru.measure.readOnly)).toBeVisible();
  await expect(page.getByRole('button', { name: ru.measure.edit })).toHaveCount(0);
  const res = await page.request.patch(`/api/v1/measures/${m.id}`, {
    data: { version: m.version, status: 'in_progress', progress: 30 },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect((await apiGet<Measure>(page, `/measures/${m.id}`)).version).toBe(m.version);
});

test('the edit form shows the API contract errors beside the field', async ({ page }) => {
  await signIn(page, USERS.admin);
  const m = await measureByCode(page, '4.1.1');
  await page.goto(`/measures/${m.id}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  const form = page.getByRole('form', { name: ru.measure.editTitle });
  const progressInput = form.getByLabel(ru.measure.progressLabel);
  await progressInput.fill('140');
  await form.getByLabel(ru.workbench.reason.label).fill('Проверка');
  await form.getByRole('button', { name: ru.common.save }).click();
  // refused before sending, with the message next to the field; nothing changes on the server
  await expect(progressInput).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert').first()).toBeVisible();
  const unchanged = await apiGet<Measure>(page, `/measures/${m.id}`);
  expect(unchanged.progress).toBe(m.progress);
  expect(unchanged.version).toBe(m.version);
});

test('a stale version is explained and the form reloads the current one', async ({ page }) => {
  // 4.1.3: the secretariat corrects it while someone else saves in another window
  await signIn(page, USERS.admin);
  const m = await measureByCode(page, '4.1.3');
  await page.goto(`/measures/${m.id}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  const form = page.getByRole('form', { name: ru.measure.editTitle });
  await expect(form).toBeVisible();

  const other = await page.request.patch(`/api/v1/measures/${m.id}`, {
    data: { version: m.version, progress: m.progress === 75 ? 80 : 75, reason: 'Другое окно' },
  });
  expect(other.status(), await other.text()).toBe(200);

  const progressInput = form.getByLabel(ru.measure.progressLabel);
  const reason = form.getByLabel(ru.workbench.reason.label);
  await progressInput.fill('90');
  await reason.fill('Исправление');
  await form.getByRole('button', { name: ru.common.save }).click();
  const conflict = form.getByRole('alert').filter({ hasText: ru.measure.conflictTitle });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(ru.measure.conflictText);
  await conflict.getByRole('button', { name: ru.measure.conflictReload }).click();
  await expect(conflict).toBeHidden();

  // after reloading, the same change goes through on the current version
  await progressInput.fill('90');
  await reason.fill('Исправление');
  await form.getByRole('button', { name: ru.common.save }).click();
  await expect(page.getByText(ru.common.saved)).toBeVisible();
  const after = await apiGet<Measure>(page, `/measures/${m.id}`);
  expect(after.progress).toBe(90);
  expect(after.version).toBe(m.version + 2);
});

test("a reporter sees the other party's measure read-only, and the API refuses a change", async ({
  page,
}) => {
  // 4.2.2 is led by the Ministry of Transport of Kazakhstan; reporter.ru works for Russia's
  await signIn(page, USERS.reporterRu);
  const m = await measureByCode(page, '4.2.2');

  await page.goto(`/measures/${m.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `${m.code} ${m.title.ru}` })).toBeVisible();
  await expect(page.getByText(ru.measure.readOnly)).toBeVisible();
  await expect(page.getByRole('button', { name: ru.measure.edit })).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);

  // the same session cookie, straight at the API: 403, and nothing changed
  const res = await page.request.patch(`/api/v1/measures/${m.id}`, {
    data: { version: m.version, progress: Math.min(100, m.progress + 10) },
  });
  expect(res.status(), await res.text()).toBe(403);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('forbidden');
  const after = await apiGet<Measure>(page, `/measures/${m.id}`);
  expect(after.version).toBe(m.version);
  expect(after.progress).toBe(m.progress);

  // in the roadmap table no row can be selected for a bulk change: reporters report, and
  // edit no measure directly (not even their own party's)
  const own = await measureByCode(page, '4.1.1');
  // a short list holding both: the measures of an organisation responsible for both
  const shared = m.responsible.find((r) =>
    own.responsible.some((o) => o.organisationId === r.organisationId),
  )!;
  await page.goto(`/roadmap?roadmap=${m.roadmapId}&org=${shared.organisationId}&view=flat`);
  const grid = page.getByRole('treegrid', { name: ru.roadmap.tableLabel });
  const box = (code: string) =>
    grid.getByRole('checkbox', { name: ru.roadmap.selectRow.replace('{{code}}', code) });
  await expect(grid.getByRole('row').filter({ hasText: m.code }).first()).toBeVisible();
  await expect(box(m.code)).toHaveCount(0);
  await expect(box(own.code)).toHaveCount(0);
});

test('dates are typed and shown as «31.12.2026» in Russian; the saved measure is not fetched again', async ({
  page,
}) => {
  // 4.2.1 is led by the Ministry of Transport of Kazakhstan: its coordinator may change dates
  await signIn(page, USERS.coordinatorKz);
  const before = await measureByCode(page, '4.2.1');
  const due = new Date(`${before.dueDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() - 1);
  const iso = due.toISOString().slice(0, 10);
  // typed loosely, day and month without leading zeros
  const typed = `${due.getUTCDate()}.${due.getUTCMonth() + 1}.${due.getUTCFullYear()}`;
  const shown = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

  await page.goto(`/measures/${before.id}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  const form = page.getByRole('form', { name: ru.measure.editTitle });
  const dueInput = form.getByRole('textbox', { name: ru.fields.dueDate });
  const [y, mo, d] = before.dueDate.split('-');
  await expect(dueInput).toHaveValue(`${d}.${mo}.${y}`);
  await expect(dueInput).toHaveAttribute('placeholder', ru.forms.datePlaceholder);

  // an impossible day is refused in Russian, before anything is sent
  await dueInput.fill('31.02.2027');
  await dueInput.blur();
  await expect(form.getByText(ru.forms.dateNotReal)).toBeVisible();

  await dueInput.fill(typed);
  await dueInput.blur();
  await expect(dueInput).toHaveValue(shown);

  // the demo roadmap is approved: a date change amends its plan and says why
  await form.getByLabel(ru.workbench.reason.label).fill('Уточнение срока');
  const measureGets: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/v1/measures/${before.id}`)
      measureGets.push(r.url());
  });
  const patched = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().endsWith(`/measures/${before.id}`),
  );
  await form.getByRole('button', { name: ru.common.save }).click();
  expect((await patched).status()).toBe(200);
  await expect(page.getByText(ru.common.saved)).toBeVisible();
  const details = page.getByRole('region', { name: ru.measure.details });
  await expect(details).toContainText(due.getUTCFullYear().toString());
  await settled(page);
  // the PATCH answer is the measure: it is shown without asking for it again
  expect(measureGets).toEqual([]);
  const after = await apiGet<Measure>(page, `/measures/${before.id}`);
  expect(after.dueDate).toBe(iso);
});
