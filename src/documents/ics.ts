/**
 * An iCalendar (RFC 5545) writer for deadline feeds: all-day events with stable UIDs,
 * DTSTAMP, escaped text and lines folded at 75 octets without splitting a UTF-8 character,
 * CRLF line ends. What Outlook, Google Calendar and Apple Calendar subscribe to.
 */

/** One all-day event. */
export interface IcsEvent {
  /** Stable across feeds and days (`measure-<id>@accord`), so calendars update rather than duplicate. */
  uid: string;
  /** The day, YYYY-MM-DD. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
  /** When the thing the event shows last changed (LAST-MODIFIED). */
  modified?: Date;
}

/** A calendar: its name, when it was produced, its events. */
export interface IcsCalendar {
  name: string;
  description?: string;
  now: Date;
  events: readonly IcsEvent[];
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line (RFC 5545 §3.1): at most 75 octets a line, continuation lines start
 * with a space (which counts), and a break never falls inside a character.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    // iterating a string yields whole code points: a surrogate pair stays together
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      out.push(cur);
      cur = ' ';
      octets = 1;
    }
    cur += ch;
    octets += size;
  }
  out.push(cur);
  return out.join('\r\n');
}

const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
const day = (iso: string) => iso.replace(/-/g, '');
const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return day(d.toISOString().slice(0, 10));
};

/** The calendar as text, CRLF line ends and a final CRLF. */
export function writeCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Accord//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...(cal.description ? [`X-WR-CALDESC:${escapeText(cal.description)}`] : []),
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
  ];
  const dtstamp = stamp(cal.now);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      ...(e.modified ? [`LAST-MODIFIED:${stamp(e.modified)}`] : []),
      `DTSTART;VALUE=DATE:${day(e.date)}`,
      `DTEND;VALUE=DATE:${nextDay(e.date)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
