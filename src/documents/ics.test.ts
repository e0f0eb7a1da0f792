/** The iCalendar writer: escaping, folding at 75 octets (UTF-8 aware), structure, and a parse-back. */
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from './ics';

const octets = (s: string) => new TextEncoder().encode(s).length;

/** A minimal RFC 5545 reader: unfold, split name;params:value, unescape TEXT. */
function parse(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const unescapeText = (v: string) =>
    v.replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  const events: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  const top: Record<string, string> = {};
  for (const l of lines) {
    const i = l.search(/[:]/);
    const [name] = l.slice(0, i).split(';');
    const value = l.slice(i + 1);
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      events.push(cur!);
      cur = null;
    } else
      (cur ?? top)[l.slice(0, i)] = ['SUMMARY', 'DESCRIPTION', 'X-WR-CALNAME'].includes(name)
        ? unescapeText(value)
        : value;
  }
  return { top, events };
}

describe('escapeText', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['line 1\nline 2', 'line 1\\nline 2'],
    ['line 1\r\nline 2', 'line 1\\nline 2'],
    ['Срок: 2.1, «МИД»; итог\\', 'Срок: 2.1\\, «МИД»\\; итог\\\\'],
  ])('%j → %j', (input, out) => expect(escapeText(input)).toBe(out));
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds the 76th', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('keeps every folded line within 75 octets and never splits a multi-byte character', () => {
    for (const text of [
      'Қазақстан Республикасының Сыртқы істер министрлігі '.repeat(6),
      `a${'ә'.repeat(100)}`,
      `😀${'ү€'.repeat(40)}`,
    ]) {
      const folded = foldLine(`SUMMARY:${text}`);
      for (const [i, line] of folded.split('\r\n').entries()) {
        expect(octets(line)).toBeLessThanOrEqual(75);
        if (i > 0) expect(line.startsWith(' ')).toBe(true);
        expect(line).not.toContain('\uFFFD');
        // a lone surrogate would mean an emoji was cut in half
        expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(line)).toBe(false);
      }
      expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${text}`);
    }
  });
});

describe('writeCalendar', () => {
  const cal = writeCalendar({
    name: 'Сроки «Accord»',
    now: new Date('2026-06-15T09:00:00Z'),
    events: [
      {
        uid: 'measure-1@accord',
        date: '2026-12-31',
        summary: 'Срок: 2.1.1 Провести инвентаризацию барьеров, изъятий и ограничений; этап 1',
        description: 'Дорожная карта\nОтветственные: МИД РК, МИД России',
        url: 'https://accord.example/measures/1',
        categories: ['Торговля', 'KZ, RU'],
      },
      { uid: 'period-2@accord', date: '2026-02-28', summary: 'Report due' },
    ],
  });

  it('writes CRLF lines of at most 75 octets', () => {
    for (const line of cal.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(cal.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  it('parses back into the events it was given, all-day with the next day as end', () => {
    const { top, events } = parse(cal);
    expect(top['X-WR-CALNAME']).toBe('Сроки «Accord»');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      UID: 'measure-1@accord',
      DTSTAMP: '20260615T090000Z',
      'DTSTART;VALUE=DATE': '20261231',
      'DTEND;VALUE=DATE': '20270101',
      SUMMARY: 'Срок: 2.1.1 Провести инвентаризацию барьеров, изъятий и ограничений; этап 1',
      DESCRIPTION: 'Дорожная карта\nОтветственные: МИД РК, МИД России',
      URL: 'https://accord.example/measures/1',
      CATEGORIES: 'Торговля,KZ\\, RU',
    });
    expect(events[1]).toMatchObject({ 'DTSTART;VALUE=DATE': '20260228', 'DTEND;VALUE=DATE': '20260301' });
  });
});
