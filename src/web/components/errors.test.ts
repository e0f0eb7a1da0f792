import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Password } from '../../contracts/accounts';
import { IsoDate } from '../../contracts/common';
import { api, ApiError } from '../api/client';
import i18n, { setLanguage } from '../i18n';
import { explainError, fieldErrors, localizeIssue, localizeMessage } from './errors';

afterAll(() => setLanguage('ru'));
afterEach(() => vi.unstubAllGlobals());

describe('API messages in the UI language', () => {
  it('asks the server for the UI language and shows its message and details as written', async () => {
    await setLanguage('kk');
    const fetch = vi.fn(async () =>
      Response.json(
        {
          error: {
            code: 'rule_violation',
            message: 'dueDate: басталу күнінен ерте болмауы керек',
            details: [
              { path: 'dueDate', message: 'басталу күнінен ерте болмауы керек', rule: 'date.beforeStart' },
            ],
            requestId: 'r-1',
          },
        },
        { status: 422 },
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const e = await api.get('/measures/x').catch((x: unknown) => x);
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toMatchObject({
      'Accept-Language': 'kk',
    });
    expect(e).toBeInstanceOf(ApiError);
    const t = i18n.t.bind(i18n);
    expect(fieldErrors(e, t)).toEqual({ dueDate: 'басталу күнінен ерте болмауы керек' });
    expect(explainError(e, t)).toMatchObject({
      message: 'dueDate: басталу күнінен ерте болмауы керек',
      details: [{ path: 'dueDate', message: 'басталу күнінен ерте болмауы керек' }],
      requestId: 'r-1',
    });
    expect((e as ApiError).details[0].rule).toBe('date.beforeStart');
  });

  it('says the rules the shared contracts check in the browser in the UI language, figures kept', async () => {
    await setLanguage('ru');
    const date = IsoDate.safeParse('15.06.2026');
    const pw = Password.safeParse('short');
    expect(localizeIssue(date.error!.issues[0])).toBe('нужна дата в формате ГГГГ-ММ-ДД');
    expect(localizeIssue(pw.error!.issues[0])).toBe('не короче 10 символов');
    await setLanguage('kk');
    expect(localizeIssue(pw.error!.issues[0])).toBe('кемінде 10 таңба болуы керек');
    expect(localizeMessage('must not be before the start date')).toBe('басталу күнінен ерте болмауы керек');
  });

  it('leaves a message it does not know, or one already translated, as it is', async () => {
    await setLanguage('ru');
    expect(localizeMessage('something new')).toBe('something new');
    expect(localizeMessage('не может быть раньше даты начала')).toBe('не может быть раньше даты начала');
  });
});
