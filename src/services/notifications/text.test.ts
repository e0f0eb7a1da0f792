/** Notification sentences in each language, with the due day written as people write it. */
import { describe, expect, it } from 'vitest';
import { formatDay, notificationText } from './text';

describe('notification text', () => {
  it('writes the due day in each language', () => {
    expect(formatDay('ru', '2026-04-10')).toBe('10 апреля 2026 г.');
    expect(formatDay('kk', '2026-04-10')).toBe('2026 жылғы 10 сәуір');
    expect(formatDay('en', '2026-12-01')).toBe('1 December 2026');
    expect(formatDay('ru', 'soon')).toBe('soon');
  });

  it('renders a reminder with the measure in the reader’s language, Russian when a text is missing', () => {
    const n = {
      kind: 'report_overdue' as const,
      link: '/measures/x',
      params: {
        code: '4.1.3',
        title: { ru: 'Провести мониторинг', en: 'Monitor' },
        period: '2026-Q1',
        due: '2026-04-10',
      },
    };
    expect(notificationText('ru', n)).toBe(
      'Отчёт по мероприятию 4.1.3 «Провести мониторинг» за 2026-Q1 просрочен: срок был 10 апреля 2026 г.',
    );
    expect(notificationText('en', n)).toBe(
      'The report on measure 4.1.3 «Monitor» for 2026-Q1 is overdue: it was due on 10 April 2026',
    );
    expect(notificationText('kk', n)).toMatch(
      /^4\.1\.3 «Провести мониторинг» іс-шарасы бойынша 2026-Q1 есебінің мерзімі өтті/,
    );
  });
});
