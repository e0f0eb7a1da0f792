/**
 * Plain-text helpers of the comment box: the `@` a person is typing (for the mention picker),
 * inserting the chosen name, keeping only the mentions still in the text, and the links of a
 * text (comments are plain text: links are the only thing shown other than as typed).
 */

/** The `@…` being typed just before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{M}\-.]{0,40})$/u.exec(before);
  if (!m) return null;
  return { start: before.length - m[2].length - 1, query: m[2] };
}

/** Replaces the `@…` from `start` to `caret` with `@Name ` and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string) {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The picked people whose `@Name` is still in the text (the others were erased). */
export function keptMentions<T extends { id: string; name: string }>(
  text: string,
  picked: readonly T[],
): T[] {
  const seen = new Set<string>();
  return picked.filter((p) => {
    if (seen.has(p.id) || !text.includes(`@${p.name}`)) return false;
    seen.add(p.id);
    return true;
  });
}

/** A piece of a comment's text: words as typed, or a link. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;
const TRAILING = /[.,;:!?)\]»"']+$/u;

/** Splits a text into words and links (http, https and www. addresses; trailing punctuation is not part of a link). */
export function linkParts(text: string): TextPart[] {
  const out: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0];
    const url = raw.replace(TRAILING, '');
    const start = m.index ?? 0;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: url, href: url.toLowerCase().startsWith('www.') ? `https://${url}` : url });
    at = start + url.length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
