/**
 * Matching the organisations a table names to the directory: by name, short name or
 * abbreviation in any of their languages, case and quotes ignored; for a name that matches
 * none, the closest names by trigram similarity as suggestions.
 */
import { normalise } from './vocab';

/** An organisation as matching needs it: every name it goes by. */
export interface KnownBody {
  id: string;
  partyId: string;
  names: readonly string[];
}

/** The directory indexed for matching. */
export interface BodyIndex {
  byName: Map<string, KnownBody[]>;
  all: { body: KnownBody; name: string; grams: Set<string> }[];
}

const trigrams = (s: string): Set<string> => {
  const t = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
};

/** Indexes the directory once per import. */
export function indexBodies(bodies: readonly KnownBody[]): BodyIndex {
  const byName = new Map<string, KnownBody[]>();
  const all: BodyIndex['all'] = [];
  for (const b of bodies)
    for (const raw of new Set(b.names.map(normalise).filter(Boolean))) {
      byName.set(raw, [...(byName.get(raw) ?? []), b]);
      all.push({ body: b, name: raw, grams: trigrams(raw) });
    }
  return { byName, all };
}

/**
 * The organisation a name means, within `partyId` when the column is a party's: one match,
 * or null when none or several (several is left to the caller's suggestions).
 */
export function matchBody(index: BodyIndex, name: string, partyId: string | null): KnownBody | null {
  const found = (index.byName.get(normalise(name)) ?? []).filter((b) => !partyId || b.partyId === partyId);
  const ids = new Set(found.map((b) => b.id));
  return ids.size === 1 ? found[0] : null;
}

/** Similarity of two trigram sets (Jaccard, 0–1). */
const similarity = (a: Set<string>, b: Set<string>) => {
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return common / (a.size + b.size - common);
};

/** Up to `max` organisations whose names come closest to `name` (similarity ≥ 0.25), best first. */
export function suggestBodies(
  index: BodyIndex,
  name: string,
  partyId: string | null,
  max = 3,
): { id: string; name: string; score: number }[] {
  const g = trigrams(normalise(name));
  const best = new Map<string, { id: string; name: string; score: number }>();
  for (const e of index.all) {
    if (partyId && e.body.partyId !== partyId) continue;
    const score = similarity(g, e.grams);
    if (score < 0.25) continue;
    const cur = best.get(e.body.id);
    if (!cur || cur.score < score) best.set(e.body.id, { id: e.body.id, name: e.body.names[0], score });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 }));
}
