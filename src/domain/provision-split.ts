/**
 * Agreement text → provisions (issue 10 §5): a pure splitter. It reads the layouts agreements
 * come in — articles («Статья 5», «5-бап», «Article 5»), numbered clauses («1.», «1.1.», «5)»),
 * lettered items («а)», «b)»), sections («I. …», «Раздел 2»), and declarations without
 * numbers — keeps each provision's number and text, and sets aside what is not a provision:
 * the preamble, headings and the signature block. Numbers come out in the form provisions
 * are stored in (`5.1`, `5.1a`).
 */

/** A provision found in the text. */
export interface SplitProvision {
  number: string;
  text: string;
  /** The article or section title it sits under, when there is one. */
  heading: string | null;
}

/** What was set aside, and why. */
export type SkippedKind = 'preamble' | 'signature' | 'heading' | 'other';

export interface SplitResult {
  provisions: SplitProvision[];
  skipped: { kind: SkippedKind; text: string }[];
}

/** A classified paragraph; `gap` when a blank line came before it. */
type Block = BlockKind & { raw: string; gap: boolean };
type BlockKind =
  | { kind: 'article'; number: string; title: string | null }
  | { kind: 'section'; number: string; title: string }
  | { kind: 'clause'; number: string; text: string }
  | { kind: 'letter'; letter: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'signature'; text: string };

const ARTICLE = [
  /^(?:статья|ст\.|article|art\.)\s*(\d{1,3})\s*[.:]?\s*(.*)$/iu,
  /^(\d{1,3})\s*-\s*бап\s*[.:]?\s*(.*)$/iu,
  /^бап\s*(\d{1,3})\s*[.:]?\s*(.*)$/iu,
];
const SECTION_WORD =
  /^(?:раздел|глава|часть|section|chapter|part|бөлім|тарау)\s+([ivxlc]+|\d{1,2})\b\s*[.:]?\s*(.*)$/iu;
const ROMAN_SECTION = /^([IVXLC]{1,6})\.\s+(\S.*)$/u;
const CLAUSE = /^(\d{1,3}(?:\.\d{1,3}){0,4})(?:\.|\)|(?=\s))\s*(\S.*)$/u;
const LETTER = /^([а-яёa-z])\)\s*(\S.*)$/iu;
const SIGNATURE = [
  /^(?:за|для)\s+(?:республику|российскую|правительство|государство|кыргызскую|республика)/iu,
  /^for\s+the\s+(?:government|republic|russian|state|people)/iu,
  /^совершено\s+в(?=\s|$)/iu,
  /^done\s+(?:at|in)\b/iu,
  /(?:республикасы|федерациясы|үкіметі)\s+үшін\s*$/iu,
  /(?:^|\s)жасалды\.?\s*$/iu,
];
/** A line that ends a text's provisions as one party's signature would («Президент … К. Токаев»). */
const SIGNATORY =
  /^(?:президент|president|премьер-министр|prime minister|министр|minister)(?=\s|$).{0,80}$/iu;
/** The sentence that ends a preamble: what follows is the agreement proper. */
const PREAMBLE_END =
  /(?:нижеследующем|следующем:|заявляют|заявили|заявляем|декларируют|договорились|согласились|agreed as follows|declare|hereby|resolve|мәлімдейді|мәлімдейміз|келісті|төмендегілер)/iu;

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
function romanValue(s: string): number {
  let total = 0;
  const chars = s.toLowerCase().split('');
  chars.forEach((ch, i) => {
    const v = ROMAN[ch];
    const next = ROMAN[chars[i + 1]] ?? 0;
    total += v < next ? -v : v;
  });
  return total;
}

/** Cyrillic and Latin item letters, in alphabet order, as the Latin suffix a stored number takes. */
const CYRILLIC_ITEMS = 'абвгдежзиклмнопрстуфхцчшщэюя';
export function letterSuffix(letter: string): string {
  const l = letter.toLowerCase();
  if (/[a-z]/.test(l)) return l;
  const i = CYRILLIC_ITEMS.indexOf(l === 'ё' ? 'е' : l);
  return String.fromCharCode(97 + Math.min(Math.max(i, 0), 25));
}

const normalise = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/[ ]{2,}/g, ' ');

/** A short line without closing punctuation reads as a title. */
const titleLike = (s: string) => s.length <= 160 && !/[.;:!?,]$/.test(s.trim()) && !/[.;!?]\s/.test(s);

/**
 * The paragraphs of a text. Where blank lines separate paragraphs, single line breaks inside one
 * are wrapping and are joined (unless the next line starts with a number or a marker); where
 * there are no blank lines, every line is a paragraph.
 */
function paragraphs(text: string): { text: string; gap: boolean }[] {
  const lines = normalise(text)
    .split('\n')
    .map((l) => l.trim());
  const blankSeparated = lines.filter((l) => l === '').length >= 2;
  if (!blankSeparated) return lines.filter(Boolean).map((l) => ({ text: l, gap: false }));
  const out: { text: string; gap: boolean }[] = [];
  let cur: string[] = [];
  let gap = true;
  const flush = (nextGap: boolean) => {
    if (cur.length) out.push({ text: cur.reduce((a, l) => a + (/[:;]$/.test(a) ? '\n' : ' ') + l), gap });
    cur = [];
    gap = nextGap;
  };
  for (const l of lines) {
    if (!l) flush(true);
    else if (cur.length && (startsBlock(l) || isHeadingLine(cur[0]))) {
      flush(false);
      cur.push(l);
    } else cur.push(l);
  }
  flush(false);
  return out;
}

/** Article and section lines stand alone: the title on the next line is not their continuation. */
const isHeadingLine = (l: string) =>
  ARTICLE.some((re) => re.test(l)) || SECTION_WORD.test(l) || SIGNATURE.some((re) => re.test(l));

const startsBlock = (l: string) =>
  ARTICLE.some((re) => re.test(l)) ||
  SECTION_WORD.test(l) ||
  ROMAN_SECTION.test(l) ||
  CLAUSE.test(l) ||
  LETTER.test(l) ||
  SIGNATURE.some((re) => re.test(l));

function classify(p: { text: string; gap: boolean }): Block {
  return { ...classifyKind(p.text), raw: p.text, gap: p.gap };
}

function classifyKind(p: string): BlockKind {
  for (const re of ARTICLE) {
    const m = re.exec(p);
    if (m) return { kind: 'article', number: String(Number(m[1])), title: m[2].trim() || null };
  }
  const sw = SECTION_WORD.exec(p);
  if (sw) {
    const n = /^\d+$/.test(sw[1]) ? Number(sw[1]) : romanValue(sw[1]);
    return { kind: 'section', number: String(n), title: sw[2].trim() || p };
  }
  const rs = ROMAN_SECTION.exec(p);
  if (rs && titleLike(rs[2]))
    return { kind: 'section', number: String(romanValue(rs[1])), title: rs[2].trim() };
  if (SIGNATURE.some((re) => re.test(p))) return { kind: 'signature', text: p };
  const c = CLAUSE.exec(p);
  if (c) return { kind: 'clause', number: c[1].split('.').map(Number).join('.'), text: c[2].trim() };
  const l = LETTER.exec(p);
  if (l) return { kind: 'letter', letter: l[1], text: l[2].trim() };
  return { kind: 'text', text: p };
}

/** Splits an agreement's text into provisions, setting aside preamble, headings and signatures. */
export function splitProvisions(text: string): SplitResult {
  const blocks = paragraphs(text).map(classify);
  const structured =
    blocks.some((b) => b.kind === 'article') || blocks.filter((b) => b.kind === 'clause').length >= 2;
  return structured ? splitStructured(blocks) : splitPlain(blocks);
}

/** A declaration without numbers: the preamble, then each paragraph a provision numbered in order. */
function splitPlain(blocks: Block[]): SplitResult {
  const out: SplitResult = { provisions: [], skipped: [] };
  const texts = blocks.map((b) => ('text' in b ? b.text : 'title' in b ? (b.title ?? '') : ''));
  const signatureAt = blocks.findIndex((b) => b.kind === 'signature');
  const end = signatureAt < 0 ? blocks.length : signatureAt;
  // the preamble ends with the sentence that opens the operative part, when one does
  let start = 0;
  const limit = Math.max(1, Math.ceil(end / 2));
  for (let i = 0; i < Math.min(end - 1, limit); i++) if (PREAMBLE_END.test(texts[i])) start = i + 1;
  if (start === 0) while (start < end - 1 && titleLike(texts[start])) start++;
  for (let i = 0; i < start; i++) out.skipped.push({ kind: 'preamble', text: texts[i] });
  let heading: string | null = null;
  for (let i = start; i < end; i++) {
    const t = texts[i];
    if (titleLike(t) && i + 1 < end) {
      heading = t;
      out.skipped.push({ kind: 'heading', text: t });
    } else out.provisions.push({ number: String(out.provisions.length + 1), text: t, heading });
  }
  for (let i = end; i < blocks.length; i++) out.skipped.push({ kind: 'signature', text: texts[i] });
  return out;
}

/** Articles, sections, clauses and items: numbers nest under their article or section. */
function splitStructured(blocks: Block[]): SplitResult {
  const out: SplitResult = { provisions: [], skipped: [] };
  // sections prefix their clauses only when each section numbers its clauses from 1 again
  const restarts = blocks.filter(
    (b, i) => b.kind === 'section' && nextClause(blocks, i)?.number.split('.')[0] === '1',
  ).length;
  const sectionPrefix = restarts >= 2 && !blocks.some((b) => b.kind === 'article');
  // where clauses follow each other line by line, a paragraph set off by a blank line after them
  // is a note on the whole text, not the last clause's continuation
  const clauses = blocks.filter((b) => b.kind === 'clause' || b.kind === 'letter');
  const linewise = clauses.filter((b) => !b.gap).length > clauses.length / 2;
  let seenBody = false;
  let signed = false;
  let article: { number: string; title: string | null; awaitingTitle: boolean } | null = null;
  let section: { number: string; title: string } | null = null;
  let last: SplitProvision | null = null;
  let lastClause: SplitProvision | null = null;
  const heading = () => article?.title ?? section?.title ?? null;
  const push = (number: string, text: string) => {
    last = { number, text, heading: heading() };
    out.provisions.push(last);
    return last;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (signed || (b.kind === 'signature' && seenBody) || (seenBody && isSignatory(b, blocks, i))) {
      signed = true;
      out.skipped.push({ kind: 'signature', text: blockText(b) });
      continue;
    }
    switch (b.kind) {
      case 'article':
        seenBody = true;
        article = { number: b.number, title: b.title, awaitingTitle: b.title === null };
        last = lastClause = null;
        out.skipped.push({ kind: 'heading', text: blockText(b) });
        break;
      case 'section':
        if (!article || sectionPrefix) {
          section = { number: b.number, title: b.title };
          out.skipped.push({
            kind: seenBody || nextClause(blocks, i) ? 'heading' : 'preamble',
            text: blockText(b),
          });
        } else out.skipped.push({ kind: 'heading', text: blockText(b) });
        if (blocks.slice(i + 1).some((x) => x.kind === 'article')) article = null;
        last = lastClause = null;
        break;
      case 'clause': {
        seenBody = true;
        const base = article ? `${article.number}.` : sectionPrefix && section ? `${section.number}.` : '';
        const number = base + b.number;
        const next = blocks[i + 1];
        if (
          !article &&
          titleLike(b.text) &&
          next?.kind === 'clause' &&
          next.number.startsWith(`${b.number}.`)
        ) {
          // a numbered section title of a roadmap («1. Транспорт» above «1.1. …»)
          section = { number: b.number, title: b.text };
          out.skipped.push({ kind: 'heading', text: b.raw });
          last = lastClause = null;
          break;
        }
        if (article) article.awaitingTitle = false;
        lastClause = push(number, b.text);
        break;
      }
      case 'letter': {
        seenBody = true;
        const owner = lastClause?.number ?? article?.number ?? null;
        if (owner === null) push(String(out.provisions.length + 1), b.text);
        else push(`${owner}${letterSuffix(b.letter)}`, b.text);
        break;
      }
      case 'signature':
        out.skipped.push({ kind: 'preamble', text: b.text });
        break;
      case 'text':
        if (!seenBody) out.skipped.push({ kind: 'preamble', text: b.text });
        else if (article?.awaitingTitle && b.text.length <= 200 && !/[.;:,]$/.test(b.text)) {
          article.title = b.text;
          article.awaitingTitle = false;
          out.skipped.push({ kind: 'heading', text: b.text });
        } else if (last && linewise && b.gap) out.skipped.push({ kind: 'other', text: b.text });
        else if (last) (last as SplitProvision).text += `\n${b.text}`;
        else if (article) {
          article.awaitingTitle = false;
          push(article.number, b.text);
        } else out.skipped.push({ kind: 'heading', text: b.text });
        break;
    }
  }
  return out;
}

function nextClause(blocks: Block[], from: number) {
  for (let j = from + 1; j < blocks.length; j++) {
    const b = blocks[j];
    if (b.kind === 'clause') return b;
    if (b.kind === 'section' || b.kind === 'article') return null;
  }
  return null;
}

/** A signatory's line counts only where signature lines follow or it closes the text. */
function isSignatory(b: Block, blocks: Block[], i: number) {
  if (b.kind !== 'text' || !SIGNATORY.test(b.text)) return false;
  const rest = blocks.slice(i + 1);
  return rest.every((x) => x.kind === 'text' || x.kind === 'signature') && rest.length <= 6;
}

const blockText = (b: Block) => b.raw;
