/**
 * Synthetic data for benchmarks: one new roadmap of N measures in three levels (directions →
 * measures → steps) with responsible organisations of both parties, sphere links, dates over
 * 2025–2029 and a mix of statuses, progress and tiers. The same seed always yields the same
 * content (ids aside), so benchmark runs compare like with like.
 *
 * It is built for speed, not by the per-measure use cases: rows are produced in memory in
 * tree order and written with one `insert … select from json_to_recordset(…)` per chunk, and
 * parents are rolled up with one set-based UPDATE per level. Search vectors are the real
 * lemmatised ones, not a lower-cased approximation: titles come from a small vocabulary, so
 * each is lemmatised once and reused. The rules are the same as for
 * measures entered by hand (tiers, owners, dates, status vs progress, roll-ups; the tests
 * check the roll-ups against services/measures.ts), but the audit trail gets one summary
 * event `dataset.generate` instead of one per row: the rows are machine-made and
 * reproducible from the seed, and 100,000 `measure.create` events would only slow the run
 * and bury the real history.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, inArray, sql } from 'drizzle-orm';
import type { I18nText } from '../contracts/common';
import { COMPLETION_FORMS, type CompletionForm, type MeasureStatus, type Tier } from '../contracts/enums';
import type { Tx } from '../db/client';
import { organisations, parties, roadmaps, spheres } from '../db/schema';
import { AppError, forbidden, invalid } from '../domain/errors';
import { codeSortKey, seriesFor } from '../domain/measures';
import { type Actor, canManageReference } from '../domain/policies';
import { initMorphology, lemmatizeForIndex } from '../text';
import type { Ctx } from '../services/context';
import { mutate } from '../services/core/mutate';
import { type BatchMeasure, rollUpRoadmap, writeMeasureBatch } from '../services/measures';
import { readDemoReference } from './demo';

/** Options of generateDataset. */
export interface GenerateOptions {
  /** How many measures to create, 1 to 1,000,000. */
  measures: number;
  /** PRNG seed (0 to 2^31 − 1, default 1): the same seed gives the same dataset. */
  seed?: number;
}

/** What generateDataset created. */
export interface GenerateResult {
  roadmapId: string;
  measures: number;
}

export const GENERATE_LIMITS = {
  measures: { min: 1, max: 1_000_000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** Statuses are drawn relative to this day so that overdue and at-risk measures exist around it. */
const REFERENCE_DAY = '2026-06-15';
const CHUNK = 5000;
const PARTIES = ['KZ', 'RU'] as const;

// ---------- deterministic randomness ----------

/** mulberry32: tiny, fast and good enough to vary synthetic rows. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

// ---------- ids ----------

/**
 * Time-ordered UUIDs (version 7 layout: milliseconds, then a counter, then random bits):
 * consecutive rows get increasing ids, so the B-tree indexes keyed on measure ids grow at
 * their right edge instead of splitting pages all over the tree (about 10% faster at 100,000
 * measures here). The counter starts at a random offset so runs in the same millisecond differ.
 */
function orderedIds() {
  const ms = Date.now().toString(16).padStart(12, '0');
  const rand = (digits: number) =>
    randomBytes(Math.ceil(digits / 2))
      .toString('hex')
      .slice(0, digits);
  let counter = Number.parseInt(rand(8), 16) * 2 ** 12;
  return () => {
    const c = (counter++).toString(16).padStart(13, '0');
    return `${ms.slice(0, 8)}-${ms.slice(8)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6)}${rand(5)}`;
  };
}

// ---------- dates as day numbers ----------

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoCache = new Map<number, string>();
const toIso = (day: number) => {
  let s = isoCache.get(day);
  if (!s) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
};

// ---------- titles ----------

const ACTIONS: readonly [string, string][] = [
  ['Подготовка доклада о развитии', 'Report on the development of'],
  ['Разработка программы развития', 'Development programme for'],
  ['Согласование плана модернизации', 'Agreeing a modernisation plan for'],
  ['Мониторинг исполнения мер поддержки', 'Monitoring support measures for'],
  ['Проведение консультаций по вопросам', 'Consultations on'],
  ['Подписание протокола о сотрудничестве в области', 'Signing a cooperation protocol on'],
  ['Создание рабочей группы по вопросам', 'Setting up a working group on'],
  ['Анализ нормативной базы', 'Review of the regulatory framework for'],
];
const TOPICS: readonly [string, string][] = [
  ['транспортно-логистических коридоров', 'transport and logistics corridors'],
  ['приграничной торговли', 'cross-border trade'],
  ['железнодорожной инфраструктуры', 'railway infrastructure'],
  ['перевозок по Северному морскому пути', 'Northern Sea Route shipping'],
  ['цифровых государственных услуг', 'digital public services'],
  ['водных ресурсов трансграничных рек', 'water resources of transboundary rivers'],
  ['образовательных программ', 'education programmes'],
  ['совместных научных исследований', 'joint research'],
  ['инвестиционных проектов', 'investment projects'],
  ['поставок энергоресурсов', 'energy supply'],
  ['противодействия киберугрозам', 'countering cyber threats'],
  ['культурных обменов', 'cultural exchange'],
];

// ---------- reference data ----------

interface Reference {
  partyIds: Record<(typeof PARTIES)[number], string>;
  orgs: Record<(typeof PARTIES)[number], string[]>;
  sphereIds: string[];
  created: { parties: number; spheres: number; organisations: number };
}

/**
 * Uses the parties KZ and RU, the spheres and the organisations already present; whatever is
 * missing is created from the demo dataset's reference file.
 */
async function ensureReference(tx: Tx): Promise<Reference> {
  const created = { parties: 0, spheres: 0, organisations: 0 };
  let demo: Awaited<ReturnType<typeof readDemoReference>> | null = null;
  const demoRef = async () => {
    demo ??= await readDemoReference();
    return demo;
  };
  let partyRows = await tx
    .select()
    .from(parties)
    .where(inArray(parties.code, [...PARTIES]));
  const missing = PARTIES.filter((c) => !partyRows.some((p) => p.code === c));
  if (missing.length) {
    const ref = await demoRef();
    const rows = ref.parties.filter((p) => (missing as string[]).includes(p.code));
    await tx.insert(parties).values(rows.map((p) => ({ code: p.code, kind: p.kind, name: p.name })));
    created.parties = rows.length;
    partyRows = await tx
      .select()
      .from(parties)
      .where(inArray(parties.code, [...PARTIES]));
  }
  const partyIds = Object.fromEntries(partyRows.map((p) => [p.code, p.id])) as Reference['partyIds'];

  let sphereRows = await tx
    .select({ id: spheres.id })
    .from(spheres)
    .orderBy(asc(spheres.position), asc(spheres.code));
  if (sphereRows.length === 0) {
    const ref = await demoRef();
    await tx.insert(spheres).values(
      ref.spheres.map((s) => ({
        code: s.code,
        name: s.name,
        description: s.description ?? null,
        position: s.position,
      })),
    );
    created.spheres = ref.spheres.length;
    sphereRows = await tx
      .select({ id: spheres.id })
      .from(spheres)
      .orderBy(asc(spheres.position), asc(spheres.code));
  }

  const orgs = { KZ: [], RU: [] } as Reference['orgs'];
  const load = async () => {
    const rows = await tx
      .select({ id: organisations.id, partyId: organisations.partyId })
      .from(organisations)
      .where(inArray(organisations.partyId, Object.values(partyIds)))
      .orderBy(sql`${organisations.name}->>'ru'`, asc(organisations.id));
    for (const c of PARTIES) orgs[c] = rows.filter((r) => r.partyId === partyIds[c]).map((r) => r.id);
  };
  await load();
  const empty = PARTIES.filter((c) => orgs[c].length === 0);
  if (empty.length) {
    const ref = await demoRef();
    const rows = ref.organisations.filter((o) => (empty as string[]).includes(o.party));
    const ids = new Map(rows.map((o) => [o.key, randomUUID()]));
    await tx.insert(organisations).values(
      rows.map((o) => ({
        id: ids.get(o.key)!,
        partyId: partyIds[o.party as (typeof PARTIES)[number]],
        parentId: o.parent ? (ids.get(o.parent) ?? null) : null,
        kind: o.kind,
        name: o.name,
        shortName: o.shortName ?? null,
      })),
    );
    created.organisations = rows.length;
    await load();
  }
  return { partyIds, orgs, sphereIds: sphereRows.map((s) => s.id), created };
}

// ---------- rows ----------

/** One measure of a batch, in a compact shape (the batch of a 100,000-measure set is large). */
interface MeasureJson {
  i: string;
  p: string | null;
  c: string;
  k: string;
  d: number;
  t: I18nText;
  s: string;
  u: string;
  f: CompletionForm;
  w: number;
  r: Tier;
  o: string | null;
  st: MeasureStatus;
  pr: number;
  q: string;
}
interface Batch {
  measures: MeasureJson[];
  spheres: { m: string; s: string }[];
  responsible: { m: string; o: string; p: string; r: 'lead' | 'co_executor' }[];
}

interface Node {
  id: string;
  code: string;
  depth: number;
  start: number;
  due: number;
  tier: Tier;
  owner: (typeof PARTIES)[number] | null;
  sphere: string;
}

/** Writes the dataset tree by tree, flushing a batch every CHUNK measures (parents first). */
class Writer {
  private batch: Batch = { measures: [], spheres: [], responsible: [] };
  private readonly titleLemmas = new Map<string, string>();
  private readonly nextId = orderedIds();
  count = 0;

  constructor(
    private readonly tx: Tx,
    private readonly roadmapId: string,
    private readonly ref: Reference,
    private readonly rng: Rng,
  ) {}

  async add(
    parent: Node | null,
    code: string,
    start: number,
    due: number,
    tier: Tier,
    owner: Node['owner'],
    sphere: string,
  ) {
    const { rng, ref } = this;
    const id = this.nextId();
    const depth = parent ? parent.depth + 1 : 0;
    const ai = rng.int(0, ACTIONS.length - 1);
    const ti = rng.int(0, TOPICS.length - 1);
    const title = { ru: `${ACTIONS[ai][0]} ${TOPICS[ti][0]}`, en: `${ACTIONS[ai][1]} ${TOPICS[ti][1]}` };
    // The index text is exactly what services/measures.ts builds (code + ru + en, lemmatised);
    // only the title part is cached, since titles repeat.
    const key = `${ai}.${ti}`;
    let lemmas = this.titleLemmas.get(key);
    if (lemmas === undefined) {
      lemmas = lemmatizeForIndex(`${title.ru} ${title.en}`);
      this.titleLemmas.set(key, lemmas);
    }
    const { status, progress } = this.schedule(start, due);
    this.batch.measures.push({
      i: id,
      p: parent?.id ?? null,
      c: code,
      k: codeSortKey(code),
      d: depth,
      t: title,
      s: toIso(start),
      u: toIso(due),
      f: depth === 0 ? 'other' : rng.pick(COMPLETION_FORMS),
      w: rng.chance(0.1) ? 2 : 1,
      r: tier,
      o: owner ? ref.partyIds[owner] : null,
      st: status,
      pr: progress,
      q: `${lemmatizeForIndex(code)} ${lemmas}`,
    });
    const sphereSet = [sphere];
    if (rng.chance(0.25)) {
      const extra = rng.pick(ref.sphereIds);
      if (extra !== sphere) sphereSet.push(extra);
    }
    for (const s of sphereSet) this.batch.spheres.push({ m: id, s });
    this.responsible(id, owner);
    this.count++;
    if (this.batch.measures.length >= CHUNK) await this.flush();
    return { id, code, depth, start, due, tier, owner, sphere } satisfies Node;
  }

  /** Status and progress of a leaf, plausible for its dates around REFERENCE_DAY. */
  private schedule(start: number, due: number): { status: MeasureStatus; progress: number } {
    const { rng } = this;
    const ref = toDay(REFERENCE_DAY);
    const roll = rng.next();
    if (roll < 0.05) return { status: 'cancelled', progress: rng.int(0, 50) };
    if (start > ref) return { status: 'not_started', progress: 0 };
    if (due < ref)
      return roll < 0.8
        ? { status: 'completed', progress: 100 }
        : { status: 'in_progress', progress: rng.int(20, 95) };
    if (roll < 0.15) return { status: 'not_started', progress: 0 };
    if (roll < 0.3) return { status: 'completed', progress: 100 };
    const elapsed = ((ref - start) / Math.max(due - start, 1)) * 100;
    return {
      status: 'in_progress',
      progress: Math.max(1, Math.min(99, Math.round(elapsed + rng.int(-45, 20)))),
    };
  }

  private responsible(id: string, owner: Node['owner']) {
    const { rng, ref } = this;
    const push = (party: (typeof PARTIES)[number], org: string, role: 'lead' | 'co_executor') =>
      this.batch.responsible.push({ m: id, o: org, p: ref.partyIds[party], r: role });
    const leads = owner ? [owner] : PARTIES;
    const used = new Set<string>();
    for (const party of leads) {
      const org = rng.pick(ref.orgs[party]);
      used.add(org);
      push(party, org, 'lead');
    }
    if (rng.chance(0.4)) {
      const party = owner ?? rng.pick(PARTIES);
      const org = rng.pick(ref.orgs[party]);
      if (!used.has(org)) push(party, org, 'co_executor');
    }
  }

  async flush() {
    const { measures: ms, spheres: ss, responsible: rs } = this.batch;
    this.batch = { measures: [], spheres: [], responsible: [] };
    if (ms.length === 0) return;
    const spheresOf = new Map<string, string[]>();
    for (const x of ss) spheresOf.set(x.m, [...(spheresOf.get(x.m) ?? []), x.s]);
    const responsibleOf = new Map<string, BatchMeasure['responsible'][number][]>();
    for (const x of rs)
      responsibleOf.set(x.m, [
        ...(responsibleOf.get(x.m) ?? []),
        { organisationId: x.o, partyId: x.p, role: x.r },
      ]);
    await writeMeasureBatch(
      this.tx,
      this.roadmapId,
      ms.map((m) => ({
        id: m.i,
        parentId: m.p,
        code: m.c,
        depth: m.d,
        title: m.t,
        startDate: m.s,
        dueDate: m.u,
        completionForm: m.f,
        weight: m.w,
        tier: m.r,
        ownerPartyId: m.o,
        status: m.st,
        progress: m.pr,
        sphereIds: spheresOf.get(m.i) ?? [],
        responsible: responsibleOf.get(m.i) ?? [],
        searchText: m.q,
      })),
    );
  }
}

/**
 * The codes of a parent's children, each in its numbering series (domain `seriesFor`): joint
 * children and children of an internal parent in plain numbers, internal children of a joint
 * parent in their party's own series.
 */
function series(parent: Node) {
  const next = new Map<string | null, number>();
  return (tier: Tier, owner: Node['owner']) => {
    const s = seriesFor({ tier, ownerPartyCode: owner }, parent);
    const n = (next.get(s) ?? 0) + 1;
    next.set(s, n);
    return `${parent.code}.${s ?? ''}${n}`;
  };
}

/** Splits `total` items over `buckets` as evenly as possible (the first ones get one more). */
const share = (total: number, buckets: number, i: number) =>
  Math.floor(total / buckets) + (i < total % buckets ? 1 : 0);

/**
 * Creates one new roadmap with `measures` synthetic measures for benchmarks (see the module
 * comment). About N/100 directions of 10 measures each; the rest are steps under those
 * measures. About 10% of the measures are internal to one party, the rest shared or public.
 */
export async function generateDataset(
  ctx: Ctx,
  actor: Actor,
  opts: GenerateOptions,
): Promise<GenerateResult> {
  if (!canManageReference(actor)) throw forbidden('Only administrators generate datasets');
  const n = opts.measures;
  const seed = opts.seed ?? 1;
  const { min, max } = GENERATE_LIMITS.measures;
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid('measures', `must be a whole number from ${min} to ${max.toLocaleString('en')}`);
  if (!Number.isInteger(seed) || seed < GENERATE_LIMITS.seed.min || seed > GENERATE_LIMITS.seed.max)
    throw invalid('seed', `must be a whole number from 0 to ${GENERATE_LIMITS.seed.max}`);
  await initMorphology();

  const directions = Math.min(9999, Math.max(1, Math.floor(n / 100)));
  const middle = Math.min(directions * 10, n - directions);
  const steps = n - directions - middle;

  return mutate(ctx, actor, async (tx, audit) => {
    const ref = await ensureReference(tx);
    if (ref.sphereIds.length === 0 || PARTIES.some((p) => ref.orgs[p].length === 0))
      throw new AppError(
        'rule_violation',
        'Parties KZ and RU need organisations and at least one sphere must exist',
      );
    const [roadmap] = await tx
      .insert(roadmaps)
      .values({
        title: {
          ru: `Синтетическая дорожная карта: ${n} мероприятий (seed ${seed})`,
          kk: `Синтетикалық жол картасы: ${n} іс-шара (seed ${seed})`,
          en: `Synthetic roadmap: ${n} measures (seed ${seed})`,
        },
        description: {
          ru: 'Сгенерирована автоматически для нагрузочных испытаний; содержание условно.',
          en: 'Generated automatically for benchmarks; the content is synthetic.',
        },
        status: 'approved',
      })
      .returning();
    const rng = prng(seed);
    const w = new Writer(tx, roadmap.id, ref, rng);
    const span = (lo: number, hi: number, minLen: number) => {
      const len = Math.max(minLen, Math.min(hi - lo, rng.int(minLen, Math.max(minLen, hi - lo))));
      const start = rng.int(lo, Math.max(lo, hi - len));
      return [start, Math.min(hi, start + len)] as const;
    };
    let m = 0;
    for (let d = 0; d < directions; d++) {
      const dStart = toDay('2025-01-01') + rng.int(0, 180);
      const dDue = toDay('2029-06-01') + rng.int(0, 213);
      const sphere = ref.sphereIds[d % ref.sphereIds.length];
      const dir = await w.add(null, String(d + 1), dStart, dDue, 'shared', null, sphere);
      const mids = share(middle, directions, d);
      const midCodes = series(dir);
      for (let j = 0; j < mids; j++, m++) {
        const internal = rng.chance(0.04);
        const tier: Tier = internal ? 'internal' : rng.chance(0.1) ? 'public' : 'shared';
        const owner = internal ? rng.pick(PARTIES) : null;
        const [ms, md] = span(dir.start, dir.due, 90);
        const mid = await w.add(dir, midCodes(tier, owner), ms, md, tier, owner, sphere);
        const kids = share(steps, middle, m);
        const stepCodes = series(mid);
        for (let k = 0; k < kids; k++) {
          const [ss, sd] = span(mid.start, mid.due, 14);
          const stepInternal = mid.tier === 'internal' || rng.chance(0.06);
          const stepTier: Tier = stepInternal ? 'internal' : rng.chance(0.15) ? 'public' : 'shared';
          const stepOwner = mid.tier === 'internal' ? mid.owner : stepInternal ? rng.pick(PARTIES) : null;
          await w.add(mid, stepCodes(stepTier, stepOwner), ss, sd, stepTier, stepOwner, sphere);
        }
      }
    }
    await w.flush();
    await rollUpRoadmap(tx, roadmap.id);
    audit.record({
      action: 'dataset.generate',
      entityType: 'roadmap',
      entityId: roadmap.id,
      after: {
        roadmapId: roadmap.id,
        measures: w.count,
        seed,
        levels: { directions, measures: middle, steps },
        createdReference: ref.created,
      },
    });
    return { roadmapId: roadmap.id, measures: w.count };
  });
}
