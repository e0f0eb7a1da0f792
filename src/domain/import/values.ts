/**
 * Reading the values people type into roadmap tables: dates in every usual form (a day, an
 * Excel serial, a quarter, a month, a year: the end of that period), percentages, numbers,
 * codes, and cells that name several organisations.
 */
import type { Cell } from './grid';

/** A day or a period: `start` and `end` are `YYYY-MM-DD`, equal for a single day. */
export interface DateSpan {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  return iso(y, m, d);
}

const month = (y: number, m: number): DateSpan => ({ start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)) });
const months = (y: number, from: number, to: number): DateSpan => ({
  start: iso(y, from, 1),
  end: iso(y, to, lastDay(y, to)),
});

// Month stems in ru (any case: декабрь, декабря), kk and en.
const MONTHS: [RegExp, number][] = [
  [/^(январ|қаңтар|jan)/, 1],
  [/^(феврал|ақпан|feb)/, 2],
  [/^(март|наурыз|mar)/, 3],
  [/^(апрел|сәуір|apr)/, 4],
  [/^(ма[йя]|мамыр|may)/, 5],
  [/^(июн|маусым|jun)/, 6],
  [/^(июл|шілде|jul)/, 7],
  [/^(август|тамыз|aug)/, 8],
  [/^(сентябр|қыркүйек|sep)/, 9],
  [/^(октябр|қазан|oct)/, 10],
  [/^(ноябр|қараша|nov)/, 11],
  [/^(декабр|желтоқсан|dec)/, 12],
];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Excel's day count (1900 system) to a date; serials 1–60 precede Excel's phantom 29 Feb 1900. */
function fromSerial(n: number): string | null {
  if (!Number.isInteger(n) || n < 367 || n > 110_000) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
  return validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date or period from a cell: `31.12.2026`, `31.12.26`, `2026-12-31`, an Excel serial,
 * «IV квартал 2026 года», «I полугодие 2026», «декабрь 2026», «2026», «2026–2027 гг.»,
 * «до 31.12.2026». Null when it is none of these.
 */
export function parseDateSpan(cell: Cell): DateSpan | null {
  if (cell === null) return null;
  if (typeof cell === 'number') {
    const d = Number.isInteger(cell) && cell >= 1900 && cell <= 2200 ? null : fromSerial(cell);
    if (d) return { start: d, end: d };
    if (Number.isInteger(cell) && cell >= 1900 && cell <= 2200) return months(cell, 1, 12);
    return null;
  }
  const t = cell
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[–—]/g, '-')
    .replace(/^(до|не позднее|по|в течение|в|until|by|дейін)\s+/, '')
    .replace(/\s*(года?|гг?\.?|г\.|жыл(ғы|ы|дың)?|year)\s*$/, '')
    .trim();
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const d = validDay(y, Number(m[2]), Number(m[1]));
    return d ? { start: d, end: d } : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(t[\d:.]+z?)?$/.exec(t);
  if (m) {
    const d = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { start: d, end: d } : null;
  }
  if (/^\d{3,6}$/.test(t) && !/^(19|20|21)\d\d$/.test(t)) {
    const d = fromSerial(Number(t));
    return d ? { start: d, end: d } : null;
  }
  m = /^(\d{4})\s*-\s*(\d{4})$/.exec(t);
  if (m && Number(m[2]) >= Number(m[1]))
    return { start: iso(Number(m[1]), 1, 1), end: iso(Number(m[2]), 12, 31) };
  m = /^(\d{4})$/.exec(t);
  if (m) return validDay(Number(m[1]), 1, 1) ? months(Number(m[1]), 1, 12) : null;
  // «IV квартал 2026», «4 кв. 2026», «Q4 2026», «2026 жылғы IV тоқсан», «2026-Q4»
  const quarter = (q: number, y: number) => months(y, q * 3 - 2, q * 3);
  m = /^(i{1,3}|iv|[1-4])\s*-?(й|ый|ой|ші|шы|інші|ншы)?\s*(квартал|кв\.?|тоқсан|quarter)\s*(\d{4})$/.exec(t);
  if (m) return quarter(ROMAN[m[1]] ?? Number(m[1]), Number(m[4]));
  m = /^q([1-4])\s*(\d{4})$/.exec(t);
  if (m) return quarter(Number(m[1]), Number(m[2]));
  m =
    /^(\d{4})\s*(?:-|жылғы|ж\.)?\s*(?:(i{1,3}|iv|[1-4])\s*-?(?:ші|шы|інші|ншы)?\s*(?:квартал|тоқсан|quarter)|q([1-4]))$/.exec(
      t,
    );
  if (m) return quarter(m[3] ? Number(m[3]) : (ROMAN[m[2]] ?? Number(m[2])), Number(m[1]));
  m = /^(i|ii|1|2)\s*-?(е|ое)?\s*(полугоди[ея]|жарты жылдық|half)\s*(\d{4})$/.exec(t);
  if (m) {
    const h = m[1] === 'i' || m[1] === '1' ? 1 : 2;
    return months(Number(m[4]), h === 1 ? 1 : 7, h === 1 ? 6 : 12);
  }
  m =
    /^([a-zа-яәіңғүұқөһ]+)\.?\s+(\d{4})$/.exec(t) ?? /^(\d{4})\s*(?:жылғы\s+)?([a-zа-яәіңғүұқөһ]+)$/.exec(t);
  if (m) {
    const [word, year] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    const found = MONTHS.find(([re]) => re.test(word));
    if (found) return month(Number(year), found[1]);
  }
  return null;
}

/**
 * A percentage 0–100 from `45`, `45%`, `0,45`, `0.45` (a fraction under 1 is a share), or
 * null when the cell is not one (or is outside 0–100).
 */
export function parsePercent(cell: Cell): number | null {
  if (cell === null) return null;
  let n: number;
  let share = false;
  if (typeof cell === 'number') n = cell;
  else {
    const t = cell.replace(/\s/g, '').replace(',', '.');
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(t);
    if (!m) return null;
    n = Number(m[1]);
    share = m[2] === '';
  }
  if (n > 0 && n < 1 && (share || typeof cell === 'number')) n *= 100;
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  return Math.round(n);
}

/** A number (`1,5` or `1.5`), or null. */
export function parseNumber(cell: Cell): number | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const t = cell.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** `1.`, `1.2.`, ` 1.2 ` → `1.2`; upper-cases a party series (`1.kz1` → `1.KZ1`). */
export function normaliseCode(cell: Cell): string {
  if (cell === null) return '';
  return String(cell).trim().replace(/\s+/g, '').replace(/\.+$/, '').toUpperCase();
}

/** One organisation named in a cell, and whether the cell marks it as the lead. */
export interface NamedBody {
  name: string;
  marked: boolean;
}

const LEAD_MARK = /\s*(\*|\((головн[^)]*|ведущ[^)]*|lead|жетекші|басшы)\))\s*/gi;

/**
 * The organisations a cell names, split on commas, semicolons and line breaks; an asterisk or
 * «(головной)» marks the lead. A comma inside quotes («ТОО "А, Б"») does not split.
 */
export function splitBodies(text: string): NamedBody[] {
  const parts: string[] = [];
  let cur = '';
  let quote = 0;
  for (const ch of text) {
    if (ch === '«' || (ch === '"' && quote === 0)) quote++;
    else if (ch === '»' || (ch === '"' && quote > 0)) quote = Math.max(0, quote - 1);
    if (quote === 0 && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts
    .map((p) => {
      const marked = LEAD_MARK.test(p);
      LEAD_MARK.lastIndex = 0;
      return {
        name: p
          .replace(LEAD_MARK, ' ')
          .replace(/^[\s\-–•·]+|[\s.]+$/g, '')
          .trim(),
        marked,
      };
    })
    .filter((b) => b.name.length > 0);
}
