import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import en from '../i18n/en';
import kk from '../i18n/kk';
import ru from '../i18n/ru';
import { renderWithProviders } from '../test-utils';
import { DateInput } from './DateInput';
import { parseDateText } from './dates';

/** A field with its value shown beside it, as a form holds it. */
function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateInput label="Срок" value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

const field = () => screen.getByLabelText('Срок') as HTMLInputElement;
const value = () => screen.getByTestId('value').textContent;

afterEach(() => setLanguage('ru'));

describe('parseDateText', () => {
  it('reads day-first dates with dots, slashes or dashes, and ISO dates', () => {
    expect(parseDateText('31.12.2026')).toEqual({ kind: 'date', iso: '2026-12-31' });
    expect(parseDateText('1.2.2027')).toEqual({ kind: 'date', iso: '2027-02-01' });
    expect(parseDateText('01/02/27')).toEqual({ kind: 'date', iso: '2027-02-01' });
    expect(parseDateText(' 2026-12-31 ')).toEqual({ kind: 'date', iso: '2026-12-31' });
    expect(parseDateText('')).toEqual({ kind: 'empty' });
  });

  it('refuses what is not a day instead of moving it to a neighbour', () => {
    expect(parseDateText('31.02.2027')).toEqual({ kind: 'error', reason: 'notReal' });
    expect(parseDateText('12/31/2026')).toEqual({ kind: 'error', reason: 'notReal' });
    expect(parseDateText('31.12.1800')).toEqual({ kind: 'error', reason: 'range' });
    expect(parseDateText('завтра')).toEqual({ kind: 'error', reason: 'format' });
    expect(parseDateText('31.12')).toEqual({ kind: 'error', reason: 'format' });
  });
});

describe('DateInput', () => {
  it('shows a date as «31.12.2026» in Russian, never the browser’s mm/dd/yyyy', () => {
    renderWithProviders(<Harness initial="2026-12-31" />);
    expect(field()).toHaveValue('31.12.2026');
    expect(field()).toHaveAttribute('placeholder', ru.forms.datePlaceholder);
    expect(field().type).toBe('text');
  });

  it('takes «31.12.2026» and «1.2.2027» as typed and gives the form ISO dates', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(field(), '31.12.2026');
    expect(value()).toBe('2026-12-31');
    await user.clear(field());
    expect(value()).toBe('');
    await user.type(field(), '1.2.2027');
    expect(value()).toBe('2027-02-01');
    await user.tab();
    expect(field()).toHaveValue('01.02.2027');
    expect(field()).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('says in the UI language that a date is wrong, and never passes the last good one on', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness initial="2026-12-31" />);
    await user.clear(field());
    await user.type(field(), '31.02.2027');
    await user.tab();
    expect(value()).toBe('31.02.2027');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(ru.forms.dateNotReal)).toBeVisible();

    await user.clear(field());
    await user.type(field(), 'вчера');
    await user.tab();
    expect(screen.getByText(ru.forms.dateFormat.replace('{{example}}', ru.forms.dateExample))).toBeVisible();

    // fixing it clears the error
    await user.clear(field());
    await user.type(field(), '28.02.2027');
    expect(value()).toBe('2027-02-28');
    expect(screen.queryByText(/Введите дату/)).toBeNull();
  });

  it('writes Kazakh dates with dots and English ones day first with slashes', async () => {
    await setLanguage('kk');
    const { unmount } = renderWithProviders(<Harness initial="2026-12-31" />);
    expect(field()).toHaveValue('31.12.2026');
    expect(field()).toHaveAttribute('placeholder', kk.forms.datePlaceholder);
    fireEvent.change(field(), { target: { value: '30.02.2026' } });
    fireEvent.blur(field());
    expect(await screen.findByText(kk.forms.dateNotReal)).toBeVisible();
    unmount();

    await setLanguage('en');
    renderWithProviders(<Harness initial="2026-12-31" />);
    expect(field()).toHaveValue('31/12/2026');
    expect(field()).toHaveAttribute('placeholder', en.forms.datePlaceholder);
  });

  it('offers a calendar whose choice fills the field', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness initial="2026-12-31" />);
    await user.click(screen.getByRole('button', { name: ru.forms.openCalendar }));
    await user.click(await screen.findByRole('button', { name: /15 декабря 2026/ }));
    expect(value()).toBe('2026-12-15');
    expect(field()).toHaveValue('15.12.2026');
  });
});
