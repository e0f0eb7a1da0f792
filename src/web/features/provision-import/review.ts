/**
 * The review step of a provision import, as pure list operations: merge a provision with the
 * next, split one at the cursor, and the problems that block saving (a bad or repeated number,
 * an empty text).
 */
import { ProvisionNumber, type ProvisionImportPreview } from '../../../contracts';

/** A provision under review. */
export interface Draft {
  key: string;
  number: string;
  text: string;
  heading: string | null;
  sphereIds: string[];
  /** The keywords found per suggested sphere. */
  matched: Record<string, string[]>;
}

let seq = 0;
const newKey = () => `d${++seq}`;

/** The dry run's provisions as drafts. */
export function fromPreview(p: ProvisionImportPreview): Draft[] {
  return p.provisions.map((x) => ({
    key: newKey(),
    number: x.number,
    text: x.text,
    heading: x.heading,
    sphereIds: [...x.sphereIds],
    matched: Object.fromEntries(x.sphereIds.map((id, i) => [id, x.matched[i] ?? []])),
  }));
}

/** Joins provision `i` and the next: one text, both sets of spheres, the first number. */
export function mergeNext(list: readonly Draft[], i: number): Draft[] {
  if (i < 0 || i + 1 >= list.length) return [...list];
  const a = list[i];
  const b = list[i + 1];
  const merged: Draft = {
    ...a,
    text: `${a.text}\n${b.text}`,
    sphereIds: [...new Set([...a.sphereIds, ...b.sphereIds])],
    matched: { ...b.matched, ...a.matched },
  };
  return [...list.slice(0, i), merged, ...list.slice(i + 2)];
}

/** A number for a provision split off `number`: the next free letter (5.1 → 5.1a, 5.1a → 5.1b). */
export function nextNumber(number: string, taken: ReadonlySet<string>): string {
  const m = /^(.*?)([a-z]?)$/.exec(number)!;
  let letter = m[2] ? m[2].charCodeAt(0) + 1 : 97;
  for (; letter <= 122; letter++) {
    const candidate = `${m[1]}${String.fromCharCode(letter)}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `${number}.1`;
}

/** Splits provision `i` at `caret`: the text after it becomes a new provision just below. */
export function splitAt(list: readonly Draft[], i: number, caret: number): Draft[] {
  const a = list[i];
  const before = a.text.slice(0, caret).trim();
  const after = a.text.slice(caret).trim();
  if (!a || !before || !after) return [...list];
  const taken = new Set(list.map((d) => d.number));
  const b: Draft = { ...a, key: newKey(), number: nextNumber(a.number, taken), text: after };
  return [...list.slice(0, i), { ...a, text: before }, b, ...list.slice(i + 1)];
}

/** What keeps a draft from being saved, by key. */
export type DraftProblem = 'number' | 'duplicate' | 'empty';

export function problemsOf(list: readonly Draft[]): Map<string, DraftProblem> {
  const out = new Map<string, DraftProblem>();
  const count = new Map<string, number>();
  for (const d of list) count.set(d.number.trim(), (count.get(d.number.trim()) ?? 0) + 1);
  for (const d of list) {
    if (!ProvisionNumber.safeParse(d.number).success) out.set(d.key, 'number');
    else if ((count.get(d.number.trim()) ?? 0) > 1) out.set(d.key, 'duplicate');
    else if (!d.text.trim()) out.set(d.key, 'empty');
  }
  return out;
}
