import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { renderWithProviders } from '../test-utils';
import { LocalizedText, localize } from './LocalizedText';

afterEach(() => setLanguage('ru'));

describe('localize', () => {
  it('picks the reader language, else Russian with the fallback flag', () => {
    const text = { ru: 'Торговля', kk: 'Сауда' };
    expect(localize(text, 'kk')).toEqual({ text: 'Сауда', lang: 'kk', fallback: false });
    expect(localize(text, 'en')).toEqual({ text: 'Торговля', lang: 'ru', fallback: true });
    expect(localize(text, 'ru')).toEqual({ text: 'Торговля', lang: 'ru', fallback: false });
    expect(localize({ ru: 'Торговля', en: '  ' }, 'en').fallback).toBe(true);
    expect(localize(null, 'en').text).toBe('');
  });
});

describe('LocalizedText', () => {
  it('shows the Kazakh text when there is one, without a mark', async () => {
    await setLanguage('kk');
    renderWithProviders(<LocalizedText value={{ ru: 'Торговля', kk: 'Сауда' }} />);
    expect(screen.getByText('Сауда')).toBeInTheDocument();
    expect(screen.queryByTestId('fallback-mark')).toBeNull();
  });

  it('marks Russian shown in place of a missing English translation', async () => {
    await setLanguage('en');
    renderWithProviders(<LocalizedText value={{ ru: 'Энергетика' }} />);
    const mark = screen.getByTestId('fallback-mark');
    expect(mark).toHaveTextContent(/^ru/);
    expect(mark).toHaveAttribute(
      'title',
      'No translation into the selected language — the Russian text is shown',
    );
    // The Russian text is tagged so that screen readers switch pronunciation.
    expect(screen.getByText(/Энергетика/).closest('[lang]')).toHaveAttribute('lang', 'ru');
  });

  it('never marks Russian for a Russian reader, and shows the empty placeholder', async () => {
    await setLanguage('ru');
    renderWithProviders(
      <>
        <LocalizedText value={{ ru: 'Энергетика' }} />
        <LocalizedText value={null} empty="—" />
      </>,
    );
    expect(screen.getByText('Энергетика')).toBeInTheDocument();
    expect(screen.queryByTestId('fallback-mark')).toBeNull();
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});
