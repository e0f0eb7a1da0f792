/**
 * The demo dataset: the Kazakhstan–Russia declaration of 12 November 2025, its provisions,
 * the bodies of both parties, an illustrative roadmap and one demo user per role. The data
 * lives in `data/demo/*.json` (see its README); records refer to each other by stable keys
 * (party code, sphere code, organisation key, provision number, measure code), and this
 * module resolves them to ids.
 *
 * Loading validates every file first (errors name the file and the field), then writes
 * everything in one transaction with multi-row inserts and one audit event per created
 * entity, so the database either holds the whole dataset or none of it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { Email, Password } from '../contracts/accounts';
import { ProvisionNumber } from '../contracts/agreements';
import { I18nText, IsoDate, i18nText, LIMITS } from '../contracts/common';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  COMPLETION_FORMS,
  LOCALES,
  MEASURE_STATUSES,
  ORGANISATION_KINDS,
  PARTY_KINDS,
  ROADMAP_STATUSES,
  ROLES,
  TIERS,
} from '../contracts/enums';
import { PartyCode, SphereCode } from '../contracts/reference';
import { MeasureCode, Progress, Weight } from '../contracts/roadmaps';
import type { Tx } from '../db/client';
import {
  agreementParties,
  agreements,
  measures,
  organisations,
  parties,
  provisionSpheres,
  provisions,
  roadmapAgreements,
  roadmaps,
  settings,
  spheres,
  users,
} from '../db/schema';
import { AppError, english, type ErrorDetail, forbidden } from '../domain/errors';
import { codeFitsParent, countsTowardsParent, dependencyCycle, seriesFor } from '../domain/measures';
import { type Actor, canManageReference } from '../domain/policies';
import { presentAgreement } from '../services/agreements';
import { presentProvision } from '../services/provisions';
import { type Ctx, today } from '../services/context';
import { type AuditInput, mutate } from '../services/core/mutate';
import { type BatchMeasure, batchCreateEvents, rollUpRoadmap, writeMeasureBatch } from '../services/measures';
import { hashPassword } from '../services/passwords';
import { loadDemoMonitoring } from './demo-indicators';
import { addMissingPeriods } from '../services/periods';
import { presentOrganisation, presentParty, presentSphere } from '../services/reference';
import { presentRoadmap } from '../services/roadmaps';
import { presentUser } from '../services/users';
import { initMorphology } from '../text';
import { loadDemoComments } from './demo-comments';
import { seedDemoReports } from './demo-reports';
import { loadDemoMeetings } from './demo-meetings';

// ---------- constants for the README and the start-up banner ----------

/** The password every demo user gets unless the loader is given another. */
export const DEMO_PASSWORD = 'accord-demo-2025';

/** The demo users' sign-in addresses (the admin is created at start-up, not here). */
export const DEMO_USER_EMAILS = [
  'coordinator.kz@accord.local',
  'coordinator.ru@accord.local',
  'reporter.kz@accord.local',
  'reporter.ru@accord.local',
  'viewer@accord.local',
] as const;

/** Where the dataset's files live: `data/demo` at the package root. */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');

/** The files of the dataset, in the order they are validated. */
export const DEMO_FILE_NAMES = ['reference.json', 'agreement.json', 'roadmap.json', 'users.json'] as const;
export type DemoFileName = (typeof DEMO_FILE_NAMES)[number];

/** The parsed (but not yet validated) JSON of each file; tests pass altered copies. */
export type DemoFiles = Record<DemoFileName, unknown>;

/** What `loadDemo` created. */
export interface DemoSummary {
  parties: number;
  spheres: number;
  organisations: number;
  agreements: number;
  provisions: number;
  roadmaps: number;
  measures: number;
  /** Reporting periods of the roadmap, from its first measure up to the next period ahead. */
  periods: number;
  /** Progress reports of both parties on the periods that have started (src/seed/demo-reports.ts). */
  reports: number;
  users: number;
  auditEvents: number;
}

// ---------- file schemas ----------

const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be a key of lower-case Latin letters, digits and hyphens');
const uniqueStrings = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).refine((a) => new Set(a).size === a.length, 'must not repeat an item');

const ReferenceFile = z.strictObject({
  parties: z
    .array(z.strictObject({ code: PartyCode, kind: z.enum(PARTY_KINDS), name: I18nText }))
    .min(2, 'name at least two parties'),
  spheres: z
    .array(
      z.strictObject({
        code: SphereCode,
        position: z.number().int().min(0).max(10_000),
        name: I18nText,
        description: i18nText(LIMITS.longText).optional(),
      }),
    )
    .min(1),
  organisations: z
    .array(
      z.strictObject({
        key: Key,
        party: PartyCode,
        parent: Key.optional().describe('an organisation of the same party listed earlier'),
        kind: z.enum(ORGANISATION_KINDS),
        name: I18nText,
        shortName: I18nText.optional(),
      }),
    )
    .min(1),
});

const AgreementFile = z.strictObject({
  agreement: z.strictObject({
    key: Key,
    kind: z.enum(AGREEMENT_KINDS),
    title: I18nText,
    parties: uniqueStrings(PartyCode).min(2, 'an agreement has at least two parties'),
    signedOn: IsoDate.optional(),
    signedPlace: I18nText.optional(),
    binding: z.boolean(),
    status: z.enum(AGREEMENT_STATUSES),
    fullText: i18nText(LIMITS.fullText).optional(),
  }),
  provisions: z
    .array(
      z.strictObject({
        number: ProvisionNumber,
        spheres: uniqueStrings(SphereCode).min(1, 'tag the provision with at least one sphere'),
        text: i18nText(LIMITS.longText),
      }),
    )
    .min(1),
});

const MeasureEntry = z.strictObject({
  code: MeasureCode,
  title: I18nText,
  description: i18nText(LIMITS.longText).optional(),
  startDate: IsoDate.optional().describe('required for a measure without children'),
  dueDate: IsoDate.optional().describe('required for a measure without children'),
  completionForm: z.enum(COMPLETION_FORMS),
  weight: Weight.default(1),
  tier: z.enum(TIERS).default('shared'),
  owner: PartyCode.optional().describe('the owner party of an internal measure'),
  status: z.enum(MEASURE_STATUSES).optional(),
  progress: Progress.optional(),
  spheres: uniqueStrings(SphereCode).optional().describe("the parent's spheres when omitted"),
  provisions: uniqueStrings(ProvisionNumber).default([]),
  lead: uniqueStrings(Key).min(1, 'name at least one lead organisation'),
  coExecutors: uniqueStrings(Key).default([]),
  dependsOn: uniqueStrings(MeasureCode).default([]),
});

const RoadmapFile = z.strictObject({
  roadmap: z.strictObject({
    title: I18nText,
    description: i18nText(LIMITS.longText).optional(),
    status: z.enum(ROADMAP_STATUSES),
    agreements: uniqueStrings(Key).min(1),
  }),
  measures: z.array(MeasureEntry).min(1),
});

const UsersFile = z.strictObject({
  users: z.array(
    z.strictObject({
      email: Email,
      name: z.string().trim().min(1, 'is required').max(LIMITS.name),
      role: z.enum(ROLES),
      organisation: Key.nullable(),
      locale: z.enum(LOCALES).default('ru'),
    }),
  ),
});

type MeasureEntry = z.output<typeof MeasureEntry>;

/** A measure with its keys checked, parent found, dates and roll-up computed. */
export interface ResolvedMeasure
  extends Omit<MeasureEntry, 'startDate' | 'dueDate' | 'status' | 'progress' | 'spheres'> {
  parentCode: string | null;
  depth: number;
  startDate: string;
  dueDate: string;
  status: (typeof MEASURE_STATUSES)[number];
  progress: number;
  childCount: number;
  spheres: string[];
}

/** The dataset after validation: every cross-reference is known to resolve. */
export interface DemoDataset {
  reference: z.output<typeof ReferenceFile>;
  agreement: z.output<typeof AgreementFile>;
  roadmap: z.output<typeof RoadmapFile>['roadmap'];
  measures: ResolvedMeasure[];
  users: z.output<typeof UsersFile>['users'];
}

// ---------- reading and validating ----------

/** Reads the dataset's JSON files; a file that is missing or not JSON is named in the error. */
export async function readDemoFiles(dir: string = DEMO_DIR): Promise<DemoFiles> {
  const out = {} as DemoFiles;
  for (const name of DEMO_FILE_NAMES) {
    let text: string;
    try {
      text = await readFile(path.join(dir, name), 'utf8');
    } catch (e) {
      throw new AppError('validation_failed', `Demo dataset: cannot read ${name}: ${(e as Error).message}`, [
        { path: name, message: 'cannot be read' },
      ]);
    }
    try {
      out[name] = JSON.parse(text);
    } catch (e) {
      throw new AppError(
        'validation_failed',
        `Demo dataset: ${name} is not valid JSON: ${(e as Error).message}`,
        [{ path: name, message: 'is not valid JSON' }],
      );
    }
  }
  return out;
}

class Problems {
  readonly list: ErrorDetail[] = [];
  add(file: DemoFileName, p: string, message: string) {
    this.list.push({ path: `${file}:${p}`, message });
  }
  throwIfAny() {
    if (this.list.length === 0) return;
    const [first] = this.list;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more)` : '';
    throw new AppError(
      'validation_failed',
      `Demo dataset is invalid: ${first.path}: ${first.message}${more}`,
      this.list,
    );
  }
}

function parseFile<T extends z.ZodType>(problems: Problems, file: DemoFileName, schema: T, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<T>;
  for (const issue of r.error.issues) problems.add(file, issue.path.join('.') || '(file)', issue.message);
  return null;
}

/** The parties, spheres and organisations of the demo dataset alone (the generator's minimal set). */
export async function readDemoReference(dir: string = DEMO_DIR): Promise<DemoDataset['reference']> {
  const files = await readDemoFiles(dir);
  const problems = new Problems();
  const ref = parseFile(problems, 'reference.json', ReferenceFile, files['reference.json']);
  problems.throwIfAny();
  return ref!;
}

const parentOf = (code: string) => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null);

/**
 * Validates the files and resolves their cross-references: every key names something
 * that exists, trees and dependencies are well formed, and the roadmap obeys the same
 * rules as measures entered by hand (tiers, owners, dates, status vs progress). Throws a
 * `validation_failed` AppError whose details name `file:field` for every problem found.
 */
export function validateDemo(files: DemoFiles): DemoDataset {
  const problems = new Problems();
  const reference = parseFile(problems, 'reference.json', ReferenceFile, files['reference.json']);
  const agreementFile = parseFile(problems, 'agreement.json', AgreementFile, files['agreement.json']);
  const roadmapFile = parseFile(problems, 'roadmap.json', RoadmapFile, files['roadmap.json']);
  const usersFile = parseFile(problems, 'users.json', UsersFile, files['users.json']);
  problems.throwIfAny();
  const ref = reference!;
  const agr = agreementFile!;
  const rm = roadmapFile!;

  // reference.json
  const partyCodes = new Set<string>();
  ref.parties.forEach((p, i) => {
    if (partyCodes.has(p.code))
      problems.add('reference.json', `parties.${i}.code`, `${p.code} is listed twice`);
    partyCodes.add(p.code);
  });
  const sphereCodes = new Set<string>();
  ref.spheres.forEach((s, i) => {
    if (sphereCodes.has(s.code))
      problems.add('reference.json', `spheres.${i}.code`, `${s.code} is listed twice`);
    sphereCodes.add(s.code);
  });
  const orgParty = new Map<string, string>();
  ref.organisations.forEach((o, i) => {
    const at = `organisations.${i}`;
    if (orgParty.has(o.key)) problems.add('reference.json', `${at}.key`, `${o.key} is listed twice`);
    if (!partyCodes.has(o.party))
      problems.add('reference.json', `${at}.party`, `no party with code ${o.party}`);
    if (o.parent !== undefined) {
      const parentParty = orgParty.get(o.parent);
      if (!parentParty)
        problems.add('reference.json', `${at}.parent`, `no organisation ${o.parent} listed before this one`);
      else if (parentParty !== o.party)
        problems.add('reference.json', `${at}.parent`, `${o.parent} belongs to another party`);
    }
    orgParty.set(o.key, o.party);
  });

  // agreement.json
  agr.agreement.parties.forEach((c, i) => {
    if (!partyCodes.has(c))
      problems.add('agreement.json', `agreement.parties.${i}`, `no party with code ${c}`);
  });
  const provisionNumbers = new Set<string>();
  agr.provisions.forEach((p, i) => {
    if (provisionNumbers.has(p.number))
      problems.add('agreement.json', `provisions.${i}.number`, `${p.number} is listed twice`);
    provisionNumbers.add(p.number);
    p.spheres.forEach((s, j) => {
      if (!sphereCodes.has(s))
        problems.add('agreement.json', `provisions.${i}.spheres.${j}`, `no sphere with code ${s}`);
    });
  });

  // roadmap.json
  rm.roadmap.agreements.forEach((k, i) => {
    if (k !== agr.agreement.key)
      problems.add('roadmap.json', `roadmap.agreements.${i}`, `no agreement with key ${k} in agreement.json`);
  });
  const measures = resolveMeasures(problems, rm.measures, {
    partyCodes,
    sphereCodes,
    orgParty,
    provisionNumbers,
    jointParties: agr.agreement.parties,
  });

  // users.json
  const emails = new Set<string>();
  usersFile!.users.forEach((u, i) => {
    const at = `users.${i}`;
    if (emails.has(u.email)) problems.add('users.json', `${at}.email`, `${u.email} is listed twice`);
    emails.add(u.email);
    if (u.organisation !== null && !orgParty.has(u.organisation))
      problems.add('users.json', `${at}.organisation`, `no organisation ${u.organisation} in reference.json`);
    if ((u.role === 'coordinator' || u.role === 'reporter') && u.organisation === null)
      problems.add('users.json', `${at}.organisation`, `a ${u.role} belongs to an organisation`);
  });

  problems.throwIfAny();
  return { reference: ref, agreement: agr, roadmap: rm.roadmap, measures, users: usersFile!.users };
}

interface Known {
  partyCodes: Set<string>;
  sphereCodes: Set<string>;
  orgParty: Map<string, string>;
  provisionNumbers: Set<string>;
  jointParties: string[];
}

function resolveMeasures(problems: Problems, entries: MeasureEntry[], known: Known): ResolvedMeasure[] {
  const f = 'roadmap.json' as const;
  const byCode = new Map<string, number>();
  entries.forEach((m, i) => {
    if (byCode.has(m.code)) problems.add(f, `measures.${i}.code`, `${m.code} is listed twice`);
    else byCode.set(m.code, i);
  });
  const children = new Map<string, number[]>();
  entries.forEach((m, i) => {
    const parent = parentOf(m.code);
    if (parent === null) return;
    if (!byCode.has(parent))
      problems.add(f, `measures.${i}.code`, `its parent ${parent} is not in the roadmap`);
    else children.set(parent, [...(children.get(parent) ?? []), i]);
  });
  problems.throwIfAny();

  // Tiers and responsibility: the same rules services/measures.ts enforces on each write.
  entries.forEach((m, i) => {
    const at = `measures.${i}`;
    if (m.tier === 'internal' && !m.owner)
      problems.add(f, `${at}.owner`, 'is required for an internal measure');
    if (m.tier !== 'internal' && m.owner)
      problems.add(f, `${at}.owner`, 'only internal measures have an owner party');
    if (m.owner && !known.partyCodes.has(m.owner))
      problems.add(f, `${at}.owner`, `no party with code ${m.owner}`);
    const parentCode = parentOf(m.code);
    const parent = parentCode ? entries[byCode.get(parentCode)!] : null;
    // internal branches are numbered in their party's own series, as every write numbers them
    const series = seriesFor({ tier: m.tier, ownerPartyCode: m.owner ?? null }, parent);
    const codeProblem = codeFitsParent(m.code, parentCode, series);
    if (codeProblem) problems.add(f, `${at}.code`, english(codeProblem));
    if (parent?.tier === 'internal' && (m.tier !== 'internal' || m.owner !== parent.owner))
      problems.add(f, `${at}.tier`, 'a measure under an internal measure must be internal to the same party');
    const named = [
      ...m.lead.map((k) => ['lead', k] as const),
      ...m.coExecutors.map((k) => ['coExecutors', k] as const),
    ];
    const seen = new Set<string>();
    named.forEach(([field, key]) => {
      const idx = (field === 'lead' ? m.lead : m.coExecutors).indexOf(key);
      const p = `${at}.${field}.${idx}`;
      const party = known.orgParty.get(key);
      if (seen.has(key)) problems.add(f, p, `${key} is named twice`);
      seen.add(key);
      if (!party) problems.add(f, p, `no organisation ${key} in reference.json`);
      else if (m.tier === 'internal' && party !== m.owner)
        problems.add(f, p, "an internal measure is carried out by its owner party's organisations only");
    });
    if (m.tier !== 'internal')
      for (const party of known.jointParties)
        if (!m.lead.some((k) => known.orgParty.get(k) === party))
          problems.add(f, `${at}.lead`, `a joint measure needs a lead organisation of party ${party}`);
    (m.spheres ?? []).forEach((s, j) => {
      if (!known.sphereCodes.has(s)) problems.add(f, `${at}.spheres.${j}`, `no sphere with code ${s}`);
    });
    m.provisions.forEach((n, j) => {
      if (!known.provisionNumbers.has(n))
        problems.add(f, `${at}.provisions.${j}`, `no provision ${n} in agreement.json`);
    });
    m.dependsOn.forEach((c, j) => {
      const target = byCode.get(c);
      if (target === undefined) problems.add(f, `${at}.dependsOn.${j}`, `no measure ${c} in the roadmap`);
      else if (
        entries[target].tier === 'internal' &&
        (m.tier !== 'internal' || entries[target].owner !== m.owner)
      )
        problems.add(
          f,
          `${at}.dependsOn.${j}`,
          `${c} is internal to one party, which this measure's readers may not see`,
        );
    });
  });
  problems.throwIfAny();

  const deps = new Map(entries.map((m) => [m.code, [] as string[]]));
  entries.forEach((m, i) => {
    const cycle = dependencyCycle(m.code, m.dependsOn, (c) => deps.get(c) ?? []);
    if (cycle)
      problems.add(
        f,
        `measures.${i}.dependsOn.${m.dependsOn.indexOf(cycle)}`,
        'would create a circular dependency',
      );
    deps.set(m.code, m.dependsOn);
  });

  // Spheres are inherited top-down; dates, status and progress roll up bottom-up.
  const depthOf = (code: string) => code.split('.').length - 1;
  const order = entries.map((_, i) => i).sort((a, b) => depthOf(entries[a].code) - depthOf(entries[b].code));
  const out: ResolvedMeasure[] = new Array(entries.length);
  for (const i of order) {
    const m = entries[i];
    const parentCode = parentOf(m.code);
    const inherited = parentCode ? out[byCode.get(parentCode)!].spheres : [];
    const own = m.spheres ?? inherited;
    if (own.length === 0)
      problems.add(f, `measures.${i}.spheres`, 'name at least one sphere (or inherit them from the parent)');
    out[i] = {
      ...m,
      parentCode,
      depth: depthOf(m.code),
      spheres: own,
      startDate: m.startDate ?? '',
      dueDate: m.dueDate ?? '',
      status: m.status ?? 'not_started',
      progress: m.progress ?? 0,
      childCount: 0,
    };
  }
  for (const i of [...order].reverse()) {
    const m = entries[i];
    const r = out[i];
    const at = `measures.${i}`;
    const kids = (children.get(m.code) ?? []).map((k) => out[k]);
    if (kids.length) {
      // ISO dates order as strings.
      const start = kids.map((k) => k.startDate).sort()[0];
      const due = kids
        .map((k) => k.dueDate)
        .sort()
        .at(-1)!;
      if (m.startDate && m.startDate > start)
        problems.add(f, `${at}.startDate`, `must not be after its earliest child's start (${start})`);
      if (m.dueDate && m.dueDate < due)
        problems.add(f, `${at}.dueDate`, `must not be before its latest child's due date (${due})`);
      r.startDate = m.startDate ?? start;
      r.dueDate = m.dueDate ?? due;
    } else {
      if (!m.startDate) problems.add(f, `${at}.startDate`, 'is required for a measure without children');
      if (!m.dueDate) problems.add(f, `${at}.dueDate`, 'is required for a measure without children');
    }
    if (r.startDate && r.dueDate && r.dueDate < r.startDate)
      problems.add(f, `${at}.dueDate`, 'must not be before the start date');
    const counted = kids.filter((k) => countsTowardsParent(r, k));
    if (counted.length) {
      if (m.status !== undefined || m.progress !== undefined)
        problems.add(
          f,
          `${at}.${m.status !== undefined ? 'status' : 'progress'}`,
          'is rolled up from the child measures; leave it out',
        );
    } else {
      if (r.status === 'completed' && r.progress !== 100)
        problems.add(f, `${at}.progress`, 'a completed measure is 100% done');
      if (r.status === 'not_started' && r.progress !== 0)
        problems.add(f, `${at}.progress`, 'a measure that has not started is 0% done');
      if (r.status === 'in_progress' && r.progress === 100)
        problems.add(f, `${at}.progress`, 'a measure in progress is less than 100% done');
    }
  }
  problems.throwIfAny();
  return out;
}

// ---------- loading ----------

const DEMO_LOCK = 727003;
const CHUNK = 1000;

async function insertChunked<T extends PgTable>(tx: Tx, table: T, rows: PgInsertValue<T>[]) {
  const out: T['$inferSelect'][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = (await tx
      .insert(table)
      .values(rows.slice(i, i + CHUNK))
      .returning()) as T['$inferSelect'][];
    out.push(...part);
  }
  return out;
}

/**
 * Loads the demo dataset into an empty database in one transaction and returns what it
 * created. Refuses (409 conflict) when an agreement or a measure already exists, or when a
 * party, sphere or user of the dataset is already there; refuses (400) an invalid dataset
 * naming the file and field. `files` replaces the files on disk (tests use altered copies).
 */
export async function loadDemo(
  ctx: Ctx,
  actor: Actor,
  opts: { password?: string; files?: DemoFiles } = {},
): Promise<DemoSummary> {
  if (!canManageReference(actor)) throw forbidden('Only administrators load the demo dataset');
  const password = opts.password ?? DEMO_PASSWORD;
  const pw = Password.safeParse(password);
  if (!pw.success)
    throw new AppError('validation_failed', `password: ${pw.error.issues[0].message}`, [
      { path: 'password', message: pw.error.issues[0].message },
    ]);
  const data = validateDemo(opts.files ?? (await readDemoFiles()));
  await initMorphology();
  // Hashing is slow on purpose; doing it before the transaction keeps locks short.
  const hashes = await Promise.all(data.users.map(() => hashPassword(password)));
  const day = today(ctx);

  return mutate(ctx, actor, async (tx, log) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
    const busy = await tx.execute<{ agreements: boolean; measures: boolean }>(
      sql`select exists(select 1 from ${agreements}) as agreements, exists(select 1 from ${measures}) as measures`,
    );
    if (busy.rows[0].agreements || busy.rows[0].measures)
      throw new AppError(
        'conflict',
        'The database already holds agreements or measures; the demo dataset loads into an empty database only',
      );
    await refuseClashes(tx, data, 'reference');

    const audit: AuditInput[] = [];
    const partyId = new Map<string, string>();
    const partyRows = await insertChunked(
      tx,
      parties,
      data.reference.parties.map((p) => {
        const id = randomUUID();
        partyId.set(p.code, id);
        return { id, code: p.code, kind: p.kind, name: p.name };
      }),
    );
    for (const r of partyRows)
      audit.push({ action: 'party.create', entityType: 'party', entityId: r.id, after: presentParty(r) });

    const sphereId = new Map<string, string>();
    const sphereRows = await insertChunked(
      tx,
      spheres,
      data.reference.spheres.map((s) => {
        const id = randomUUID();
        sphereId.set(s.code, id);
        return { id, code: s.code, name: s.name, description: s.description ?? null, position: s.position };
      }),
    );
    for (const r of sphereRows)
      audit.push({ action: 'sphere.create', entityType: 'sphere', entityId: r.id, after: presentSphere(r) });

    const orgId = new Map(data.reference.organisations.map((o) => [o.key, randomUUID()]));
    const orgRows = await insertChunked(
      tx,
      organisations,
      data.reference.organisations.map((o) => ({
        id: orgId.get(o.key)!,
        partyId: partyId.get(o.party)!,
        parentId: o.parent ? orgId.get(o.parent)! : null,
        kind: o.kind,
        name: o.name,
        shortName: o.shortName ?? null,
      })),
    );
    for (const r of orgRows)
      audit.push({
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: r.id,
        after: presentOrganisation(r),
      });

    // agreement and provisions
    const a = data.agreement.agreement;
    const [agreementRow] = await tx
      .insert(agreements)
      .values({
        kind: a.kind,
        title: a.title,
        signedOn: a.signedOn ?? null,
        signedPlace: a.signedPlace ?? null,
        binding: a.binding,
        status: a.status,
        fullText: a.fullText ?? null,
      })
      .returning();
    const agreementPartyIds = a.parties.map((c) => partyId.get(c)!);
    await tx
      .insert(agreementParties)
      .values(
        agreementPartyIds.map((p, position) => ({ agreementId: agreementRow.id, partyId: p, position })),
      );
    audit.push({
      action: 'agreement.create',
      entityType: 'agreement',
      entityId: agreementRow.id,
      after: presentAgreement(agreementRow, agreementPartyIds, data.agreement.provisions.length),
    });
    const provisionId = new Map(data.agreement.provisions.map((p) => [p.number, randomUUID()]));
    const provisionRows = await insertChunked(
      tx,
      provisions,
      data.agreement.provisions.map((p, i) => ({
        id: provisionId.get(p.number)!,
        agreementId: agreementRow.id,
        number: p.number,
        position: i + 1,
        text: p.text,
      })),
    );
    const provisionSphereRows = data.agreement.provisions.flatMap((p) =>
      p.spheres.map((s) => ({ provisionId: provisionId.get(p.number)!, sphereId: sphereId.get(s)! })),
    );
    await insertChunked(tx, provisionSpheres, provisionSphereRows);
    const provisionByNumber = new Map(data.agreement.provisions.map((p) => [p.number, p]));
    for (const r of provisionRows)
      audit.push({
        action: 'provision.create',
        entityType: 'provision',
        entityId: r.id,
        after: presentProvision(
          r,
          provisionByNumber.get(r.number)!.spheres.map((s) => sphereId.get(s)!),
        ),
      });

    // roadmap and measures
    const [roadmapRow] = await tx
      .insert(roadmaps)
      .values({
        title: data.roadmap.title,
        description: data.roadmap.description ?? null,
        status: data.roadmap.status,
      })
      .returning();
    await tx.insert(roadmapAgreements).values({ roadmapId: roadmapRow.id, agreementId: agreementRow.id });
    audit.push({
      action: 'roadmap.create',
      entityType: 'roadmap',
      entityId: roadmapRow.id,
      after: presentRoadmap(roadmapRow, [agreementRow.id], data.measures.length),
    });

    const measureId = new Map(data.measures.map((m) => [m.code, randomUUID()]));
    const orgPartyId = new Map(orgRows.map((o) => [o.id, o.partyId]));
    const batch: BatchMeasure[] = [...data.measures]
      .sort((x, y) => x.depth - y.depth)
      .map((m) => ({
        id: measureId.get(m.code)!,
        parentId: m.parentCode ? measureId.get(m.parentCode)! : null,
        code: m.code,
        depth: m.depth,
        title: m.title,
        description: m.description ?? null,
        startDate: m.startDate,
        dueDate: m.dueDate,
        completionForm: m.completionForm,
        weight: m.weight,
        tier: m.tier,
        ownerPartyId: m.owner ? partyId.get(m.owner)! : null,
        status: m.status,
        progress: m.progress,
        sphereIds: m.spheres.map((s) => sphereId.get(s)!),
        provisionIds: m.provisions.map((n) => provisionId.get(n)!),
        responsible: [
          ...m.lead.map((k) => ({ key: k, role: 'lead' as const })),
          ...m.coExecutors.map((k) => ({ key: k, role: 'co_executor' as const })),
        ].map(({ key, role }) => {
          const organisationId = orgId.get(key)!;
          return { organisationId, partyId: orgPartyId.get(organisationId)!, role };
        }),
        dependsOn: m.dependsOn.map((c) => measureId.get(c)!),
      }));
    await writeMeasureBatch(tx, roadmapRow.id, batch);
    await rollUpRoadmap(tx, roadmapRow.id);
    audit.push(...(await batchCreateEvents(tx, [...measureId.values()], day)));
    // the roadmap is approved: its reporting periods exist, as approving it would have made them
    const periodCount = await addMissingPeriods(tx, roadmapRow, day, {
      record: (e) => audit.push(...(Array.isArray(e) ? e : [e])),
    });

    await refuseClashes(tx, data, 'users');
    const userRows = await insertChunked(
      tx,
      users,
      data.users.map((u, i) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        organisationId: u.organisation ? orgId.get(u.organisation)! : null,
        partyId: u.organisation
          ? partyId.get(data.reference.organisations.find((o) => o.key === u.organisation)!.party)!
          : null,
        locale: u.locale,
        passwordHash: hashes[i],
      })),
    );
    for (const r of userRows)
      audit.push({ action: 'user.create', entityType: 'user', entityId: r.id, after: presentUser(r) });
    audit.push(
      ...(await loadDemoComments(
        tx,
        { measureId, userId: new Map(userRows.map((u) => [u.email, u.id])), partyId },
        ctx.now(),
      )),
    );
    const reportCount = await seedDemoReports(
      tx,
      audit,
      actor,
      roadmapRow.id,
      day,
      demoParties(agreementPartyIds, userRows),
    );

    audit.push(...(await loadDemoMonitoring(tx, roadmapRow.id, ctx.now())));
    log.record(audit);
    await loadDemoMeetings(tx, actor, roadmapRow.id, day, log);
    const summary: DemoSummary = {
      parties: partyRows.length,
      spheres: sphereRows.length,
      organisations: orgRows.length,
      agreements: 1,
      provisions: provisionRows.length,
      roadmaps: 1,
      measures: batch.length,
      periods: periodCount,
      reports: reportCount,
      users: userRows.length,
      auditEvents: audit.length,
    };
    await tx
      .insert(settings)
      .values({ key: 'demo', value: { loadedAt: ctx.now().toISOString(), ...summary } })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: sql`excluded.value`, updatedAt: sql`now()` },
      });
    return summary;
  });
}

/** Each party's demo coordinator and reporter, in the agreement's party order. */
function demoParties(partyIds: string[], people: (typeof users.$inferSelect)[]) {
  return partyIds.flatMap((partyId) => {
    const coordinator = people.find((u) => u.partyId === partyId && u.role === 'coordinator');
    const reporter = people.find((u) => u.partyId === partyId && u.role === 'reporter');
    return coordinator && reporter
      ? [
          {
            partyId,
            coordinatorId: coordinator.id,
            reporterId: reporter.id,
            reporterOrganisationId: reporter.organisationId!,
          },
        ]
      : [];
  });
}

/**
 * Names every party, sphere (`reference`) or user (`users`) of the dataset that the
 * database already holds. Users are checked just before they are written, so a clash there
 * rolls back everything written before it.
 */
async function refuseClashes(tx: Tx, data: DemoDataset, what: 'reference' | 'users') {
  const partyCodes = data.reference.parties.map((p) => p.code);
  const sphereCodes = data.reference.spheres.map((s) => s.code);
  const emails = data.users.map((u) => u.email);
  const query =
    what === 'reference'
      ? sql`select 'party' as kind, code as value from ${parties} where code in ${partyCodes}
          union all select 'sphere', code from ${spheres} where code in ${sphereCodes}`
      : emails.length
        ? sql`select 'user' as kind, lower(email) as value from ${users} where lower(email) in ${emails}`
        : null;
  if (!query) return;
  const found = await tx.execute<{ kind: 'party' | 'sphere' | 'user'; value: string }>(query);
  if (found.rows.length === 0) return;
  const where = {
    party: ['reference.json:parties', partyCodes, 'code'],
    sphere: ['reference.json:spheres', sphereCodes, 'code'],
    user: ['users.json:users', emails, 'email'],
  } as const;
  const details = found.rows.map((r) => {
    const [list, values, field] = where[r.kind];
    return {
      path: `${list}.${(values as readonly string[]).indexOf(r.value)}.${field}`,
      message: `a ${r.kind} ${r.value} already exists`,
    };
  });
  throw new AppError(
    'conflict',
    `The demo dataset clashes with existing data: ${details.map((d) => d.message).join('; ')}`,
    details,
  );
}
