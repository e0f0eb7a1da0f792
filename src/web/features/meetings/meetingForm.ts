/**
 * The meeting form's values and their translation to and from the API: what the form edits
 * (strings while typing, one co-chair slot per party), the body it sends, and the API's
 * field paths (`coChairs.1.name.ru`, `decisions.0.measures.2.measureId`) mapped back to the
 * inputs that show them.
 */
import {
  type DECISION_EFFECTS,
  type I18nText,
  type Meeting,
  MeetingCreate,
  type Party,
} from '../../../contracts';
import { localizeIssue } from '../../components';

/** What a decision does to a measure. */
export type DecisionEffect = (typeof DECISION_EFFECTS)[number];
type Text = Partial<I18nText>;

/** One agenda item; `key` keeps React's identity while items move. */
export interface AgendaRow {
  key: string;
  title: Text;
}

/** A measure a decision names, with what it does to it. */
export interface LinkRow {
  measureId: string;
  effect: DecisionEffect;
}

/** One decision; `id` is kept for a decision already saved (its links stay its own). */
export interface DecisionRow {
  key: string;
  id?: string;
  number: string;
  text: Text;
  measures: LinkRow[];
}

/** One party's co-chair; empty name: the party names none. */
export interface CoChairRow {
  name: Text;
  position: Text;
}

/** Everything the form edits. */
export interface MeetingFormValues {
  number: string;
  date: string;
  place: Text;
  /** By party id. */
  coChairs: Record<string, CoChairRow>;
  roadmapIds: string[];
  agenda: AgendaRow[];
  decisions: DecisionRow[];
}

let seq = 0;
/** A fresh key for a new row. */
export const rowKey = () => `row-${++seq}`;

/** The form of `m`, or of a new meeting numbered after the newest one. */
export function initialValues(
  m: Meeting | null,
  parties: readonly Party[],
  opts: { nextNumber?: number; roadmapIds?: string[] } = {},
): MeetingFormValues {
  const coChairs: Record<string, CoChairRow> = {};
  for (const p of parties) coChairs[p.id] = { name: {}, position: {} };
  // kept even when the party list has not arrived yet, so an edit never drops a co-chair
  for (const c of m?.coChairs ?? []) coChairs[c.partyId] = { name: c.name, position: c.position ?? {} };
  return {
    number: m ? String(m.number) : opts.nextNumber ? String(opts.nextNumber) : '',
    date: m?.date ?? '',
    place: m?.place ?? {},
    coChairs,
    roadmapIds: m?.roadmapIds ?? opts.roadmapIds ?? [],
    agenda: (m?.agenda ?? []).map((a) => ({ key: rowKey(), title: a.title })),
    decisions: (m?.decisions ?? []).map((d) => ({
      key: rowKey(),
      id: d.id,
      number: String(d.number),
      text: d.text,
      measures: d.measures.map((x) => ({ measureId: x.measureId, effect: x.effect })),
    })),
  };
}

/** Trimmed translations; Russian kept even when empty, so the contract names it as required. */
function text(v: Text): I18nText {
  const out: Text = { ru: v.ru?.trim() ?? '' };
  for (const l of ['kk', 'en'] as const) if (v[l]?.trim()) out[l] = v[l]?.trim();
  return out as I18nText;
}
const optionalText = (v: Text) => (['ru', 'kk', 'en'] as const).some((l) => v[l]?.trim());
/** A number field as typed: a whole number, else NaN (which the contract refuses). */
const whole = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

/**
 * The body of POST (or, with the version added, PATCH) and, for mapping errors back, the
 * party of each co-chair sent (their order in the body).
 */
export function toBody(v: MeetingFormValues, parties: readonly Party[]) {
  const order = [...parties.map((p) => p.id), ...Object.keys(v.coChairs)];
  const chairParties = [...new Set(order)].filter((id) => optionalText(v.coChairs[id]?.name ?? {}));
  const body = {
    number: whole(v.number),
    date: v.date,
    place: optionalText(v.place) ? text(v.place) : null,
    coChairs: chairParties.map((partyId) => {
      const c = v.coChairs[partyId];
      return { partyId, name: text(c.name), position: optionalText(c.position) ? text(c.position) : null };
    }),
    roadmapIds: v.roadmapIds,
    agenda: v.agenda.map((a) => ({ title: text(a.title) })),
    decisions: v.decisions.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      number: whole(d.number),
      text: text(d.text),
      measures: d.measures,
    })),
  };
  return { body, chairParties };
}

/**
 * Rewrites an API path to the form's: co-chairs are sent by index among those named, the
 * form shows them by party (`coChairs.<partyId>.name.ru`).
 */
export function formPath(path: string, chairParties: readonly string[]): string {
  const m = /^coChairs\.(\d+)(\..*)?$/.exec(path);
  if (!m) return path;
  const party = chairParties[Number(m[1])];
  return party ? `coChairs.${party}${m[2] ?? ''}` : path;
}

/** Field errors keyed by form path, from API details or from the contract checked here. */
export function mapErrors(
  details: readonly { path: string; message: string }[],
  chairParties: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    const p = formPath(d.path, chairParties);
    out[p] ??= d.message;
  }
  return out;
}

/** The contract's verdict before anything is sent: errors by form path, empty when valid. */
export function checkValues(
  v: MeetingFormValues,
  parties: readonly Party[],
  required: string,
): Record<string, string> {
  const { body, chairParties } = toBody(v, parties);
  const parsed = MeetingCreate.safeParse(body);
  const out = parsed.success
    ? {}
    : mapErrors(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: localizeIssue(i) })),
        chairParties,
      );
  // a position without a name would be dropped with the empty co-chair: say so instead
  for (const p of parties) {
    const c = v.coChairs[p.id];
    if (c && optionalText(c.position) && !optionalText(c.name)) out[`coChairs.${p.id}.name.ru`] = required;
  }
  return out;
}

/** The list with item `i` moved by `delta` places (kept inside the list). */
export function moveItem<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + delta));
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x);
  return out;
}

/** The first error at `path` or under it (`decisions.0` finds `decisions.0.text.ru`). */
export function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  return errors[path] ?? errors[Object.keys(errors).find((k) => k.startsWith(`${path}.`)) ?? ''];
}
