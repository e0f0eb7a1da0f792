/**
 * From rows as read to measures as they would be saved: codes (kept, completed under their
 * section, or numbered by position and nesting), parents, owners of internal measures, the
 * organisations, spheres and provisions matched, and sections given the dates and lead bodies
 * of what they hold. Pure: the caller loads the directory and the roadmap's measures.
 */
import type { CompletionForm, MeasureStatus, ResponsibleRole, Tier } from '../../contracts/enums';
import { msg } from '../../contracts/messages';
import { codeFitsParent, codeSeries, nextChildCode, parseCode, seriesFor } from '../measures';
import type { PartyRef } from './headers';
import { type BodyIndex, matchBody, suggestBodies } from './organisations';
import type { ImportProblem, ReadRow } from './rows';
import { normalise } from './vocab';

/** What the plan needs to know of the roadmap's measures, by code. */
export interface ExistingFacts {
  id: string;
  tier: Tier;
  ownerPartyId: string | null;
}

export interface PlanInput {
  rows: ReadRow[];
  parties: readonly PartyRef[];
  bodies: BodyIndex;
  spheres: readonly { id: string; names: readonly string[] }[];
  provisions: readonly { id: string; number: string }[];
  existing: ReadonlyMap<string, ExistingFacts>;
  today: string;
  /** Unmatched bodies of a party's column become new organisations (ids `new:<party>:<name>`). */
  createOrganisations: boolean;
}

/** A measure as the import would save it; absent fields are not in the file. */
export interface PlannedMeasure {
  line: number;
  section: boolean;
  code: string;
  parentCode: string | null;
  title: { ru?: string; kk?: string; en?: string };
  description?: string | null;
  sphereIds?: string[];
  provisionIds?: string[];
  responsible?: { organisationId: string; partyId: string; role: ResponsibleRole }[];
  /** Parties whose bodies the file states (a generic column: every party). */
  bodyParties?: string[];
  startDate?: string;
  dueDate?: string;
  completionForm?: CompletionForm;
  formText?: string | null;
  status?: MeasureStatus;
  progress?: number;
  tier?: Tier;
  ownerPartyId?: string | null;
  weight?: number;
}

export interface Unmatched {
  name: string;
  partyId: string | null;
  rows: number[];
  suggestions: { id: string; name: string; score: number }[];
}

const parentOf = (code: string) => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null);

/** The plan of an import: measures in file order, problems, and the bodies no name matched. */
export function planImport(input: PlanInput) {
  const problems: ImportProblem[] = [];
  const unmatched = new Map<string, Unmatched>();
  const partyByCode = new Map(input.parties.map((p) => [p.code, p]));
  const partyById = new Map(input.parties.map((p) => [p.id, p]));
  const kids = new Map<string | null, string[]>();
  const addCode = (c: string) => {
    const p = parentOf(c);
    kids.set(p, [...(kids.get(p) ?? []), c]);
  };
  for (const c of input.existing.keys()) addCode(c);
  const explicit = new Set<string>();
  for (const r of input.rows)
    if (r.code && parseCode(r.code)) {
      explicit.add(r.code);
      if (!input.existing.has(r.code)) addCode(r.code);
    }
  const position = new Map<string | null, number>();
  const planned = new Map<string, PlannedMeasure>();
  const out: PlannedMeasure[] = [];
  let section: string | null = null;
  const sphereByName = new Map<string, string>();
  for (const s of input.spheres) for (const n of s.names) sphereByName.set(normalise(n), s.id);

  for (const r of input.rows) {
    const bad = (column: string, key: Parameters<typeof msg>[0], params?: Parameters<typeof msg>[1]) =>
      problems.push({ row: r.line, column, message: msg(key, params) });
    const m: PlannedMeasure = {
      line: r.line,
      section: r.section,
      code: '',
      parentCode: null,
      title: r.title,
    };
    for (const k of ['description', 'status', 'progress', 'tier', 'weight'] as const)
      if (r[k] !== undefined) (m as unknown as Record<string, unknown>)[k] = r[k];
    if (r.start) m.startDate = r.start.start;
    if (r.due) m.dueDate = r.due.end;
    if (r.start && !r.due && r.start.start !== r.start.end) m.dueDate = undefined;
    if (r.form) {
      m.completionForm = r.form.form;
      m.formText = r.form.text;
    }
    // bodies: the first named is the lead of its party unless the cell marks one
    if (r.bodyCells) {
      const resp: NonNullable<PlannedMeasure['responsible']> = [];
      const parties = new Set<string>();
      for (const cell of r.bodyCells) {
        const party = cell.partyCode ? (partyByCode.get(cell.partyCode) ?? null) : null;
        if (party) parties.add(party.id);
        else for (const p of input.parties) parties.add(p.id);
        const anyMarked = cell.bodies.some((b) => b.marked);
        const leadOf = new Set<string>();
        for (const b of cell.bodies) {
          const found = matchBody(input.bodies, b.name, party?.id ?? null);
          let id = found?.id ?? null;
          const partyId = found?.partyId ?? party?.id ?? null;
          if (!found) {
            const key = `${party?.id ?? ''}|${normalise(b.name)}`;
            const u = unmatched.get(key) ?? {
              name: b.name,
              partyId: party?.id ?? null,
              rows: [],
              suggestions: suggestBodies(input.bodies, b.name, party?.id ?? null),
            };
            if (!u.rows.includes(r.line)) u.rows.push(r.line);
            unmatched.set(key, u);
            if (input.createOrganisations && party) id = `new:${party.code}:${b.name}`;
            else {
              bad(cell.column, input.createOrganisations ? 'import.bodyNoParty' : 'import.bodyUnknown', {
                name: b.name,
              });
              continue;
            }
          }
          if (!id || !partyId) continue;
          const lead = anyMarked ? b.marked : !leadOf.has(partyId);
          if (lead) leadOf.add(partyId);
          if (!resp.some((x) => x.organisationId === id))
            resp.push({ organisationId: id, partyId, role: lead ? 'lead' : 'co_executor' });
        }
      }
      m.responsible = resp;
      m.bodyParties = [...parties];
    }
    if (r.spheres) {
      m.sphereIds = [];
      for (const s of r.spheres) {
        const id = sphereByName.get(normalise(s));
        if (id) {
          if (!m.sphereIds.includes(id)) m.sphereIds.push(id);
        } else bad('sphere', 'import.sphereUnknown', { name: s });
      }
    }
    if (r.provisions) {
      m.provisionIds = [];
      for (const n of r.provisions) {
        const found = input.provisions.filter(
          (p) => normalise(p.number).replace(/\.$/, '') === normalise(n).replace(/\.$/, ''),
        );
        if (found.length === 1) m.provisionIds.push(found[0].id);
        else
          bad('provision', found.length ? 'import.provisionAmbiguous' : 'import.provisionUnknown', {
            number: n,
          });
      }
    }

    // the code and the parent
    let code = r.code;
    let parent = r.parentCode;
    if (code && !parseCode(code)) {
      bad('code', 'code.format');
      continue;
    }
    if (r.section) {
      if (!parent && code) parent = parentOf(code);
    } else if (!parent) {
      if (code && !code.includes('.') && section && !codeSeries(code)) {
        code = `${section}.${code}`; // numbered within its section
        addCode(code);
      }
      parent = code ? parentOf(code) : section;
    }
    const parentFacts = parent ? (planned.get(parent) ?? input.existing.get(parent)) : null;
    if (parent && !parentFacts) {
      bad('code', 'import.parentMissing', { parent });
      continue;
    }
    const parentTier = parent
      ? (planned.get(parent)?.tier ?? input.existing.get(parent)?.tier ?? 'shared')
      : null;
    const tier =
      m.tier ??
      (code ? input.existing.get(code)?.tier : undefined) ??
      (parentTier === 'internal' ? 'internal' : 'shared');
    let owner: string | null = null;
    if (tier === 'internal') {
      const series = code ? codeSeries(code) : null;
      const respParties = [...new Set((m.responsible ?? []).map((x) => x.partyId))];
      owner =
        (series ? (partyByCode.get(series)?.id ?? null) : null) ??
        (parentTier === 'internal'
          ? (planned.get(parent!)?.ownerPartyId ?? input.existing.get(parent!)?.ownerPartyId ?? null)
          : null) ??
        (code ? (input.existing.get(code)?.ownerPartyId ?? null) : null) ??
        (respParties.length === 1 ? respParties[0] : null);
      if (!owner) {
        bad('tier', 'import.ownerUnknown');
        continue;
      }
    }
    if (m.tier !== undefined || tier === 'internal' || !code || !input.existing.has(code)) {
      m.tier = tier;
      m.ownerPartyId = owner;
    }
    const series = seriesFor(
      { tier, ownerPartyCode: owner ? (partyById.get(owner)?.code ?? null) : null },
      parentTier ? { tier: parentTier } : null,
    );
    const pos = (position.get(parent) ?? 0) + 1;
    position.set(parent, pos);
    if (!code) {
      // by position among its siblings in the file, so that importing the file again finds it
      const byPosition: string = `${parent === null ? '' : `${parent}.`}${series ?? ''}${pos}`;
      code =
        explicit.has(byPosition) || planned.has(byPosition)
          ? nextChildCode(parent, kids.get(parent) ?? [], series)
          : byPosition;
      addCode(code);
    }
    const fit = codeFitsParent(code, parent, series);
    if (fit) {
      problems.push({ row: r.line, column: 'code', message: fit });
      continue;
    }
    if (planned.has(code)) {
      bad('code', 'import.duplicateCode', { code });
      continue;
    }
    m.code = code;
    m.parentCode = parent;
    if (r.section) section = code;
    planned.set(code, m);
    out.push(m);
  }
  fillSections(out, planned, input.existing, input.today);
  return { measures: out, problems, unmatched: [...unmatched.values()] };
}

/** Sections take the span of what they hold and, per party, the lead body of their first measure. */
function fillSections(
  out: PlannedMeasure[],
  planned: Map<string, PlannedMeasure>,
  existing: ReadonlyMap<string, ExistingFacts>,
  today: string,
) {
  const children = new Map<string, PlannedMeasure[]>();
  for (const m of out) {
    if (!m.parentCode) continue;
    const kids = children.get(m.parentCode);
    if (kids) kids.push(m);
    else children.set(m.parentCode, [m]);
  }
  const deepestFirst = [...out].sort((a, b) => b.code.split('.').length - a.code.split('.').length);
  for (const m of deepestFirst) {
    if (!m.section || existing.has(m.code)) continue;
    const kids = children.get(m.code) ?? [];
    const dues = kids.map((k) => k.dueDate).filter((d): d is string => !!d);
    const starts = kids
      .map((k) => k.startDate ?? (k.dueDate && k.dueDate < today ? k.dueDate : today))
      .filter(Boolean);
    if (dues.length) {
      m.dueDate = dues.sort().at(-1);
      m.startDate = starts.sort()[0];
      if (m.startDate! > m.dueDate!) m.startDate = m.dueDate;
    }
    const resp: NonNullable<PlannedMeasure['responsible']> = [];
    for (const k of kids)
      for (const r of k.responsible ?? [])
        if (r.role === 'lead' && !resp.some((x) => x.partyId === r.partyId)) resp.push(r);
    if (resp.length) m.responsible = resp;
    m.completionForm ??= 'other';
  }
  void planned;
}
