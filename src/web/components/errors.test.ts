import { afterAll, describe, expect, it } from 'vitest';
import { IsoDate } from '../../contracts/common';
import { Password } from '../../contracts/accounts';
import { ApiError } from '../api/client';
import i18n, { setLanguage } from '../i18n';
import { explainError, fieldErrors, localizeMessage } from './errors';

afterAll(() => setLanguage('ru'));

describe('API messages in the UI language', () => {
  it('translates rule messages and keeps their figures', async () => {
    await setLanguage('ru');
    const t = i18n.t.bind(i18n);
    expect(localizeMessage('must not be before the start date', t)).toBe('не может быть раньше даты начала');
    expect(localizeMessage('must be at least 10 characters', t)).toBe('не короче 10 символов');
    expect(localizeMessage('is stale; the current version is 7', t)).toBe(
      'устарела: сейчас версия 7, обновите данные',
    );
    expect(localizeMessage('Too big: expected string to have <=500 characters', t)).toBe(
      'не длиннее 500 символов',
    );
    await setLanguage('kk');
    expect(localizeMessage('must be at least 10 characters', i18n.t.bind(i18n))).toBe(
      'кемінде 10 таңба болуы керек',
    );
  });

  it('translates the messages the shared contracts produce in the browser', async () => {
    await setLanguage('ru');
    const t = i18n.t.bind(i18n);
    const date = IsoDate.safeParse('15.06.2026');
    const pw = Password.safeParse('short');
    expect(localizeMessage(date.error!.issues[0].message, t)).toBe('нужна дата в формате ГГГГ-ММ-ДД');
    expect(localizeMessage(pw.error!.issues[0].message, t)).toBe('не короче 10 символов');
  });

  it('leaves a message it does not know as the server wrote it', async () => {
    await setLanguage('ru');
    expect(localizeMessage('something new', i18n.t.bind(i18n))).toBe('something new');
  });

  it('applies to the field errors and the details of an alert', async () => {
    await setLanguage('ru');
    const t = i18n.t.bind(i18n);
    const e = new ApiError(422, 'rule_violation', 'dueDate: must not be before the start date', [
      { path: 'dueDate', message: 'must not be before the start date' },
    ]);
    expect(fieldErrors(e, t)).toEqual({ dueDate: 'не может быть раньше даты начала' });
    expect(explainError(e, t).details).toEqual([
      { path: 'dueDate', message: 'не может быть раньше даты начала' },
    ]);
  });
});
