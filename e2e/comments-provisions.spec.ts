/**
 * Comments on the measure page (post with a mention, reply, links; the other party never sees
 * internal ones) and the provision import from an agreement's text (paste, merge, save); axe on
 * each page, and screenshots at 1280 and 390 px.
 */
import type { Agreement, CommentPage, Provision } from '../src/contracts';
import {
  apiGet,
  expect,
  expectNoSeriousA11yViolations,
  measureByCode,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

const noSideScroll = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a reporter comments with a mention, another replies, and internal notes stay inside the party', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.reporterKz);
  const m = await measureByCode(page, '4.1.1');
  await page.goto(`/measures/${m.id}`);
  await settled(page);
  const section = page.getByRole('region', { name: /^Комментарии/ });
  await expect(section).toBeVisible();
  // the demo discussion: a shared question with a reply, and the Kazakh side's internal note
  await expect(section.getByText('прошу подтвердить сроки согласования')).toBeVisible();
  await expect(section.getByText('До ответа партнёрам согласуем позицию')).toBeVisible();
  await expect(section.getByRole('link', { name: 'https://eec.eaeunion.org/' })).toHaveAttribute(
    'href',
    'https://eec.eaeunion.org/',
  );

  const box = section.getByLabel(ru.comments.newLabel);
  await box.fill('Прошу @Анд');
  await section.getByTestId('mention-option').filter({ hasText: 'Андрей Волков' }).click();
  await expect(box).toHaveValue('Прошу @Андрей Волков ');
  await box.pressSequentially('сверить сроки, см. https://www.gov.kz/');
  await expectNoSeriousA11yViolations(page, 'the measure page with the mention picker closed');
  await section.getByRole('button', { name: ru.comments.send }).click();
  const mine = section.getByTestId('comment').filter({ hasText: 'сверить сроки' });
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('link', { name: 'https://www.gov.kz/' })).toBeVisible();
  const list = await apiGet<CommentPage>(page, `/measures/${m.id}/comments`);
  const posted = list.data.find((c) => c.text.includes('сверить сроки'))!;
  expect(posted.mentions.map((p) => p.name)).toEqual(['Андрей Волков']);

  // the Russian coordinator reads the shared comment, not the Kazakh internal one, and replies
  await signIn(page, USERS.coordinatorRu);
  await page.goto(`/measures/${m.id}`);
  await settled(page);
  await expect(section.getByText('сверить сроки')).toBeVisible();
  await expect(section.getByText('До ответа партнёрам')).toHaveCount(0);
  await mine.getByRole('button', { name: ru.comments.reply }).click();
  const reply = section.getByLabel(ru.comments.replyLabel.replace('{{name}}', 'Ерлан Жумабеков'));
  await reply.fill('Сроки подтверждаем.');
  // the reply's own form, not the new-comment form
  await reply
    .locator('xpath=ancestor::div[contains(@class, "mantine-Stack-root")][1]')
    .getByRole('button', { name: ru.comments.send })
    .click();
  await expect(section.getByText('Сроки подтверждаем.')).toBeVisible();
  await expect
    .poll(async () => {
      const page1 = await apiGet<CommentPage>(page, `/measures/${m.id}/comments`);
      return page1.data.find((c) => c.id === posted.id)?.replies.length ?? 0;
    })
    .toBe(1);
  const after = await apiGet<CommentPage>(page, `/measures/${m.id}/comments`);
  expect(after.data.find((c) => c.id === posted.id)?.replies.map((r) => r.text)).toEqual([
    'Сроки подтверждаем.',
  ]);
  expect(JSON.stringify(after)).not.toContain('До ответа партнёрам');
  await expectNoSeriousA11yViolations(page, 'the measure page with comments');

  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('comments-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // the layout follows the new width on the next render
  await expect.poll(() => noSideScroll(page)).toBe(true);
  await section.screenshot({ path: testInfo.outputPath('comments-390.png') });
});

test('an admin imports provisions from pasted text, merges two, and saves them', async ({
  page,
}, testInfo) => {
  await signIn(page, USERS.admin);
  const { data } = await apiGet<{ data: Agreement[] }>(page, '/agreements', { limit: 10 });
  const a = data[0];
  await page.goto(`/agreements/${a.id}`);
  await page.getByRole('link', { name: ru.provisionImport.button }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${a.id}/import-provisions$`));
  await settled(page);
  await page
    .getByLabel(ru.provisionImport.paste)
    .first()
    .fill(
      [
        'Стороны согласились о нижеследующем:',
        'Статья 91',
        'Транспорт',
        '1. Стороны развивают железнодорожные перевозки грузов.',
        '2. Стороны модернизируют пункты пропуска',
        'на государственной границе.',
        '3. Стороны обмениваются сведениями о поставках газа.',
        'За Республику Казахстан',
        'За Российскую Федерацию',
      ].join('\n'),
    );
  await expectNoSeriousA11yViolations(page, 'the provision import, paste step');
  await page.getByRole('button', { name: ru.provisionImport.split }).click();
  const drafts = page.getByTestId('draft');
  await expect(drafts).toHaveCount(3);
  await expect(drafts.nth(0).getByLabel(ru.provisionImport.number)).toHaveValue('91.1');
  // a line without a number continues the clause above it
  await expect(drafts.nth(1).getByLabel(/Текст положения 91.2/)).toHaveValue(
    /пункты пропуска\nна государственной/,
  );
  await expect(page.getByText(/Пропущено/)).toBeVisible();
  await drafts.nth(1).getByRole('button', { name: ru.provisionImport.mergeNext }).click();
  await expect(drafts).toHaveCount(2);
  await expect(drafts.nth(1).getByLabel(/Текст положения 91.2/)).toHaveValue(
    /границе\.\nСтороны обмениваются/,
  );
  await expectNoSeriousA11yViolations(page, 'the provision import, review step');
  await page.setViewportSize({ width: 390, height: 844 });
  // the layout follows the new width on the next render
  await expect.poll(() => noSideScroll(page)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('import-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: ru.provisionImport.save.replace('{{count}}', '2') }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено положений: 2' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('import-1280.png'), fullPage: true });
  // the keywords behind the suggestions, as an admin edits them
  const words = page.getByRole('region', { name: ru.provisionImport.keywordsTitle });
  await words.getByRole('combobox', { name: ru.provisionImport.spheres }).click();
  await page.getByRole('option', { name: 'Транспорт и логистика' }).click();
  await expect(words.getByText(ru.provisionImport.keywordsSource.default)).toBeVisible();
  await expect(words.getByText('железная дорога', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the sphere keywords');
  const saved = await apiGet<{ data: Provision[] }>(page, `/agreements/${a.id}/provisions`, { limit: 500 });
  const ours = saved.data.filter((p) => p.number.startsWith('91.'));
  expect(ours.map((p) => p.number)).toEqual(['91.1', '91.2']);
  expect(ours[1].text.ru).toBe(
    'Стороны модернизируют пункты пропуска\nна государственной границе.\nСтороны обмениваются сведениями о поставках газа.',
  );
});
