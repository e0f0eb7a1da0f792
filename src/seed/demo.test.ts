import { verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeasureQuery } from '../contracts/roadmaps';
import {
  agreementParties,
  agreements,
  auditEvents,
  comments,
  measureResponsibles,
  measureSpheres,
  measures,
  periods,
  indicators,
  jointStatuses,
  organisations,
  parties,
  provisionSpheres,
  provisions,
  reports,
  roadmaps,
  spheres,
  users,
} from '../db/schema';
import { AppError } from '../domain/errors';
import { isAtRisk, isOverdue } from '../domain/measures';
import { type Actor, SYSTEM_ACTOR } from '../domain/policies';
import { createTestDatabase, TEST_NOW, type TestDatabase } from '../test/db';
import { verifyAuditChain } from '../services/audit';
import { DEMO_PASSWORD, DEMO_USER_EMAILS, type DemoFiles, loadDemo, readDemoFiles } from './demo';
import { findMeasures, rollUpAncestors } from '../services/measures';

const count = async (t: TestDatabase, table: Parameters<TestDatabase['db']['$count']>[0]) =>
  t.db.$count(table);

/** Row counts of every table the loader writes: "nothing changed" means these are equal. */
async function snapshotCounts(t: TestDatabase) {
  const tables = {
    parties,
    spheres,
    organisations,
    agreements,
    provisions,
    roadmaps,
    measures,
    periods,
    reports,
    users,
    comments,
    indicators,
    jointStatuses,
    auditEvents,
  };
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(tables)) out[k] = await count(t, v);
  return out;
}

const actorOf = (u: typeof users.$inferSelect): Actor => ({
  userId: u.id,
  role: u.role,
  partyId: u.partyId,
  organisationId: u.organisationId,
  label: u.email,
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('the demo dataset, loaded', () => {
  let t: TestDatabase;
  let partyByCode: Map<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.ctx, SYSTEM_ACTOR);
    partyByCode = new Map((await t.db.select().from(parties)).map((p) => [p.code, p.id]));
  });
  afterAll(() => t.close());

  it('holds both parties, every sphere of the declaration and a dozen real bodies per party', async () => {
    expect([...partyByCode.keys()].sort()).toEqual(['KZ', 'RU']);
    const sphereCodes = (await t.db.select({ code: spheres.code }).from(spheres)).map((s) => s.code);
    expect(sphereCodes.length).toBeGreaterThanOrEqual(9);
    for (const code of [
      'security',
      'trade',
      'energy',
      'transport',
      'digital',
      'ecology',
      'humanitarian',
      'investment',
      'international',
    ])
      expect(sphereCodes).toContain(code);
    const perParty = await t.db
      .select({ partyId: organisations.partyId, n: sql<number>`count(*)::int` })
      .from(organisations)
      .groupBy(organisations.partyId);
    expect(perParty).toHaveLength(2);
    for (const p of perParty) expect(p.n).toBeGreaterThanOrEqual(12);
    const names = (await t.db.select({ name: organisations.name }).from(organisations)).map((o) => o.name);
    for (const n of names) {
      expect(n.ru.length).toBeGreaterThan(0);
      expect(n.en?.length).toBeGreaterThan(0);
    }
    expect(names.some((n) => n.ru === 'Министерство иностранных дел Республики Казахстан')).toBe(true);
    expect(names.some((n) => n.ru === 'Министерство иностранных дел Российской Федерации')).toBe(true);
  });

  it('keeps Kazakh letters intact', async () => {
    const [kz] = await t.db.select().from(parties).where(eq(parties.code, 'KZ'));
    expect(kz.name.kk).toBe('Қазақстан Республикасы');
    const kzOrgs = await t.db.select().from(organisations).where(eq(organisations.partyId, kz.id));
    for (const o of kzOrgs) expect(o.name.kk).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
  });

  it('registers the declaration as signed in Moscow on 12 November 2025, not binding, with at least 15 provisions covering every sphere', async () => {
    const [a] = await t.db.select().from(agreements);
    expect(a.kind).toBe('declaration');
    expect(a.signedOn).toBe('2025-11-12');
    expect(a.signedPlace).toEqual({ ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' });
    expect(a.binding).toBe(false);
    expect(a.status).toBe('signed');
    expect(a.fullText?.ru.length).toBeGreaterThan(500);
    const ps = await t.db.select({ partyId: agreementParties.partyId }).from(agreementParties);
    expect(ps.map((p) => p.partyId).sort()).toEqual([partyByCode.get('KZ'), partyByCode.get('RU')].sort());

    const provs = await t.db.select().from(provisions).orderBy(provisions.position);
    expect(provs.length).toBeGreaterThanOrEqual(15);
    expect(provs.map((p) => p.number)).toEqual(provs.map((_, i) => String(i + 1)));
    for (const p of provs) expect(p.text.en?.length).toBeGreaterThan(0);
    const uncovered = await t.db.execute(
      sql`select s.code from ${spheres} s where not exists (select 1 from ${provisionSpheres} ps where ps.sphere_id = s.id)`,
    );
    expect(uncovered.rows).toEqual([]);
  });

  it('has an approved roadmap marked as an illustrative example in every language', async () => {
    const [r] = await t.db.select().from(roadmaps);
    expect(r.status).toBe('approved');
    expect(r.title.ru).toMatch(/иллюстративный пример/i);
    expect(r.title.kk).toMatch(/иллюстрациялық мысал/i);
    expect(r.title.en).toMatch(/illustrative example/i);
    expect(r.description?.ru).toMatch(/не официальный план/);
    expect(r.description?.en).toMatch(/not an official plan/);
  });

  it('builds a tree of at least 40 measures over three levels, dated within 2026–2028', async () => {
    const ms = await t.db.select().from(measures);
    expect(ms.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ms.map((m) => m.depth))).toEqual(new Set([0, 1, 2]));
    for (const m of ms) {
      expect(m.startDate >= '2026-01-01' && m.dueDate <= '2028-12-31', m.code).toBe(true);
      expect(m.dueDate >= m.startDate, m.code).toBe(true);
      if (m.status === 'completed') expect(m.progress, m.code).toBe(100);
      if (m.status === 'not_started') expect(m.progress, m.code).toBe(0);
    }
    const linked = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${measures} m where not exists (select 1 from ${measureSpheres} s where s.measure_id = m.id)`,
    );
    expect(linked.rows[0].n).toBe(0);
  });

  it('names a lead of each party on every joint measure and only the owner party on internal ones', async () => {
    const ms = await t.db.select().from(measures);
    const resp = await t.db.select().from(measureResponsibles);
    for (const m of ms) {
      const mine = resp.filter((r) => r.measureId === m.id);
      if (m.tier === 'internal') {
        expect(mine.length, m.code).toBeGreaterThan(0);
        expect(
          mine.every((r) => r.partyId === m.ownerPartyId),
          m.code,
        ).toBe(true);
      } else {
        for (const party of partyByCode.values())
          expect(
            mine.some((r) => r.role === 'lead' && r.partyId === party),
            m.code,
          ).toBe(true);
      }
    }
    expect(resp.some((r) => r.role === 'co_executor')).toBe(true);
  });

  it('mixes statuses and tiers, with internal measures of both parties', async () => {
    const ms = await t.db.select().from(measures);
    const leaves = ms.filter((m) => !ms.some((c) => c.parentId === m.id));
    expect(new Set(leaves.map((m) => m.status))).toEqual(
      new Set(['not_started', 'in_progress', 'completed', 'cancelled']),
    );
    expect(new Set(ms.map((m) => m.tier))).toEqual(new Set(['internal', 'shared', 'public']));
    expect(ms.filter((m) => m.tier === 'shared').length).toBeGreaterThan(ms.length / 2);
    const owners = new Set(ms.filter((m) => m.tier === 'internal').map((m) => m.ownerPartyId));
    expect(owners).toEqual(new Set(partyByCode.values()));
  });

  it('shows overdue and at-risk measures as of the test date', async () => {
    const overdue = await findMeasures(
      t.ctx,
      SYSTEM_ACTOR,
      MeasureQuery.parse({ overdue: 'true', limit: 500 }),
    );
    const atRisk = await findMeasures(
      t.ctx,
      SYSTEM_ACTOR,
      MeasureQuery.parse({ atRisk: 'true', limit: 500 }),
    );
    expect(overdue.total).toBeGreaterThan(0);
    expect(atRisk.total).toBeGreaterThan(0);
    const day = TEST_NOW.toISOString().slice(0, 10);
    for (const m of overdue.data) expect(isOverdue(m, day)).toBe(true);
    // at risk: behind schedule, or a report of the latest past-due period missing (which is late)
    for (const m of atRisk.data) expect(isAtRisk(m, day) || m.lateReport, m.code).toBe(true);
    expect(atRisk.data.some((m) => isAtRisk(m, day))).toBe(true);
    // Later in the year the picture is still mixed, not all overdue.
    const autumn = { ...t.ctx, now: () => new Date('2026-10-01T09:00:00Z') };
    const all = await findMeasures(autumn, SYSTEM_ACTOR, MeasureQuery.parse({ limit: 500 }));
    expect(all.data.some((m) => m.overdue)).toBe(true);
    expect(all.data.some((m) => m.atRisk)).toBe(true);
    expect(all.data.some((m) => !m.overdue && !m.atRisk && m.status !== 'completed')).toBe(true);
  });

  it('stores parents as roll-ups of their children, which the measure service would not change', async () => {
    const before = await t.db.select().from(measures).orderBy(measures.sortKey);
    const parents = before.filter((m) => before.some((c) => c.parentId === m.id));
    expect(parents.length).toBeGreaterThan(9);
    await t.db.transaction(async (tx) => {
      for (const p of [...parents].sort((a, b) => b.depth - a.depth)) await rollUpAncestors(tx, p.id);
    });
    const after = await t.db.select().from(measures).orderBy(measures.sortKey);
    const facts = (ms: typeof before) => ms.map((m) => [m.code, m.status, m.progress, m.childCount]);
    expect(facts(after)).toEqual(facts(before));
    // A joint parent does not count one party's internal children.
    const p11 = before.find((m) => m.code === '1.1')!;
    expect(p11.childCount).toBe(2);
  });

  it('finds measures by Russian word forms', async () => {
    const r = await findMeasures(t.ctx, SYSTEM_ACTOR, MeasureQuery.parse({ q: 'железнодорожные станции' }));
    expect(r.data.map((m) => m.code)).toContain('4.3.2');
  });

  it('creates the demo users with the demo password, each at the right body', async () => {
    const us = await t.db.select().from(users);
    expect(us.map((u) => u.email).sort()).toEqual([...DEMO_USER_EMAILS].sort());
    const byEmail = new Map(us.map((u) => [u.email, u]));
    const orgName = async (id: string | null) =>
      id ? (await t.db.select().from(organisations).where(eq(organisations.id, id)))[0].name.ru : null;
    const kzCoordinator = byEmail.get('coordinator.kz@accord.local')!;
    expect(kzCoordinator.role).toBe('coordinator');
    expect(kzCoordinator.partyId).toBe(partyByCode.get('KZ'));
    expect(await orgName(kzCoordinator.organisationId)).toBe(
      'Министерство иностранных дел Республики Казахстан',
    );
    expect(byEmail.get('coordinator.ru@accord.local')!.partyId).toBe(partyByCode.get('RU'));
    expect(await orgName(byEmail.get('reporter.kz@accord.local')!.organisationId)).toBe(
      'Министерство транспорта Республики Казахстан',
    );
    expect(await orgName(byEmail.get('reporter.ru@accord.local')!.organisationId)).toBe(
      'Министерство транспорта Российской Федерации',
    );
    const viewer = byEmail.get('viewer@accord.local')!;
    expect([viewer.role, viewer.partyId, viewer.organisationId]).toEqual(['viewer', null, null]);
    for (const u of us) {
      expect(u.name).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(u.passwordHash!, DEMO_PASSWORD)).toBe(true);
    }
  });

  it("hides one party's internal measures from the other party's coordinator", async () => {
    const [ru] = await t.db.select().from(users).where(eq(users.email, 'coordinator.ru@accord.local'));
    const seen = await findMeasures(t.ctx, actorOf(ru), MeasureQuery.parse({ tier: 'internal', limit: 500 }));
    expect(seen.total).toBeGreaterThan(0);
    expect(seen.data.every((m) => m.ownerPartyId === partyByCode.get('RU'))).toBe(true);
  });

  it('holds reports in every state for both parties, some late, some returned with a reason, some disagreeing', async () => {
    const rows = await t.db.select().from(reports);
    for (const code of ['KZ', 'RU']) {
      const own = rows.filter((r) => r.partyId === partyByCode.get(code));
      expect(new Set(own.map((r) => r.state)), code).toEqual(
        new Set(['draft', 'submitted', 'approved', 'returned']),
      );
      expect(
        own.some((r) => r.late),
        code,
      ).toBe(true);
    }
    const approved = rows.filter((r) => r.state === 'approved');
    expect(approved.length).toBeGreaterThan(rows.length / 3);
    const returned = rows.filter((r) => r.state === 'returned');
    expect(returned.every((r) => /[а-я]{3}/.test(r.returnReason ?? ''))).toBe(true);
    expect(rows.filter((r) => r.late).every((r) => r.submittedAt !== null)).toBe(true);
    // joint measures both parties approved with claims more than 10 points apart: disputed once reconciled
    const pairs = new Map<string, typeof approved>();
    for (const r of approved)
      pairs.set(`${r.measureId}|${r.periodId}`, [...(pairs.get(`${r.measureId}|${r.periodId}`) ?? []), r]);
    const disagreeing = [...pairs.values()].filter(
      (p) => p.length === 2 && (p[0].status !== p[1].status || Math.abs(p[0].progress - p[1].progress) > 10),
    );
    expect(disagreeing.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status !== 'completed' || r.progress === 100)).toBe(true);
  });

  it('records one verifiable audit event per created entity, scoped for internal measures', async () => {
    const counts = await snapshotCounts(t);
    const all = await t.db.select().from(auditEvents).orderBy(auditEvents.pos);
    // the commission history (demo-meetings.ts): baselines, meetings, change requests, and the
    // two due dates its decisions moved
    const source = (e: (typeof all)[number]) => (e.after as { source?: string } | null)?.source;
    const history = all.filter(
      (e) =>
        ['baseline', 'meeting', 'change_request'].includes(e.entityType) ||
        (e.action === 'measure.update' && source(e) === 'decision'),
    );
    expect(history.map((e) => e.action).sort()).toEqual(
      [
        ...Array(3).fill('baseline.create'),
        ...Array(2).fill('change_request.create'),
        ...Array(3).fill('meeting.create'),
        ...Array(2).fill('measure.update'),
      ].sort(),
    );
    // a leaf measure follows its confirmed joint status: one update each, from the reports
    const followed = all.filter((e) => e.action === 'measure.update' && source(e) === 'report');
    const confirmed = new Set(
      (await t.db.select().from(jointStatuses))
        .filter((j) => j.state === 'confirmed')
        .map((j) => j.measureId),
    );
    expect(followed.length).toBeGreaterThan(0);
    for (const e of followed) expect(confirmed.has(e.entityId!)).toBe(true);
    const events = all.filter((e) => !history.includes(e) && !followed.includes(e));
    const entities =
      counts.parties +
      counts.spheres +
      counts.organisations +
      counts.agreements +
      counts.provisions +
      counts.roadmaps +
      counts.measures +
      counts.periods +
      counts.users +
      counts.comments +
      counts.indicators +
      counts.reports +
      counts.jointStatuses;
    // a joint status records its beginning, and a second event once it is disputed or confirmed
    const settled = (await t.db.select().from(jointStatuses)).filter((j) => j.state !== 'awaiting_reports');
    expect(events).toHaveLength(entities + settled.length);
    expect(new Set(events.map((e) => e.entityId)).size).toBe(entities);
    const ms = await t.db.select().from(measures);
    for (const m of ms) {
      const e = events.find((x) => x.entityId === m.id)!;
      expect(e.action).toBe('measure.create');
      expect(e.partyScope).toBe(m.tier === 'internal' ? m.ownerPartyId : null);
    }
    expect(await verifyAuditChain({ db: t.db, now: () => new Date() }, SYSTEM_ACTOR)).toMatchObject({
      ok: true,
      checked: all.length,
    });
  });

  it('has indicators with baselines and targets, and joint statuses in every state, most confirmed', async () => {
    const rows = await t.db.select().from(indicators);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.baselineValue !== null && r.name.kk && r.name.en)).toBe(true);
    const js = await t.db.select().from(jointStatuses);
    const of = (state: string) => js.filter((j) => j.state === state);
    expect(of('disputed').length).toBeGreaterThanOrEqual(1);
    expect(of('awaiting_reports').length).toBeGreaterThanOrEqual(1);
    expect(of('confirmed').length).toBeGreaterThan(of('disputed').length);
    // a dispute is between two approved claims: both parties' approvals are on it
    for (const d of of('disputed')) expect(d.confirmations).toHaveLength(2);
  });

  it('refuses to load twice and changes nothing', async () => {
    const before = await snapshotCounts(t);
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR));
    expect(e.code).toBe('conflict');
    expect(await snapshotCounts(t)).toEqual(before);
  });
});

describe('a demo dataset that cannot load', () => {
  let t: TestDatabase;
  let files: DemoFiles;

  beforeAll(async () => {
    t = await createTestDatabase();
    files = await readDemoFiles();
  });
  afterAll(() => t.close());

  /** The parts of the files these tests damage. */
  interface Editable {
    'roadmap.json': {
      measures: {
        code: string;
        dueDate?: string;
        lead: string[];
        coExecutors?: string[];
        dependsOn?: string[];
      }[];
    };
    'agreement.json': { provisions: { text: { ru: string } }[] };
  }
  const altered = (change: (f: Editable) => void): DemoFiles => {
    const copy = structuredClone(files);
    change(copy as unknown as Editable);
    return copy;
  };

  it('is refused with the file and field named, and nothing is written', async () => {
    const before = await snapshotCounts(t);
    const bad = altered((f) => {
      f['roadmap.json'].measures[5].dueDate = '2025-01-01';
    });
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { files: bad }));
    expect(e.code).toBe('validation_failed');
    expect(e.message).toContain('roadmap.json:measures.5.dueDate');
    expect(e.details).toContainEqual({
      path: 'roadmap.json:measures.5.dueDate',
      message: 'must not be before the start date',
    });
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('names a reference to an organisation that does not exist', async () => {
    const bad = altered((f) => {
      f['roadmap.json'].measures[2].lead[1] = 'ru-no-such-body';
    });
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { files: bad }));
    expect(e.details.map((d) => d.path)).toContain('roadmap.json:measures.2.lead.1');
  });

  it('refuses a joint measure without a lead of each party and an internal measure with the other party in it', async () => {
    const bad = altered((f) => {
      f['roadmap.json'].measures[2].lead = ['kz-knb'];
      f['roadmap.json'].measures[4].coExecutors = ['ru-mfa'];
    });
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { files: bad }));
    const paths = e.details.map((d) => d.path);
    expect(paths).toContain('roadmap.json:measures.2.lead');
    expect(paths).toContain('roadmap.json:measures.4.coExecutors.0');
  });

  it('refuses circular dependencies and a missing translation of a required field', async () => {
    const bad = altered((f) => {
      const ms = f['roadmap.json'].measures;
      ms.find((m) => m.code === '1.2.1')!.dependsOn = ['1.2.2'];
      f['agreement.json'].provisions[0].text.ru = '';
    });
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { files: bad }));
    expect(e.details.map((d) => d.path)).toContain('agreement.json:provisions.0.text.ru');
    const onlyCycle = altered((f) => {
      const ms = f['roadmap.json'].measures;
      ms.find((m) => m.code === '1.2.1')!.dependsOn = ['1.2.2'];
    });
    const e2 = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { files: onlyCycle }));
    expect(e2.details.some((d) => d.message === 'would create a circular dependency')).toBe(true);
  });

  it('rolls everything back when the database refuses part of it', async () => {
    // A demo user that already exists is only found inside the transaction, after the
    // parties, organisations and measures were written.
    await t.db.insert(users).values({ email: 'reporter.ru@accord.local', name: 'Уже есть', role: 'viewer' });
    const before = await snapshotCounts(t);
    const e = await refusal(loadDemo(t.ctx, SYSTEM_ACTOR));
    expect(e.code).toBe('conflict');
    expect(e.details).toContainEqual({
      path: 'users.json:users.3.email',
      message: 'a user reporter.ru@accord.local already exists',
    });
    expect(await snapshotCounts(t)).toEqual(before);
    await t.db.delete(users).where(eq(users.email, 'reporter.ru@accord.local'));
  });

  it('refuses a weak password and callers that are not administrators', async () => {
    expect((await refusal(loadDemo(t.ctx, SYSTEM_ACTOR, { password: 'short' }))).details[0].path).toBe(
      'password',
    );
    const viewer: Actor = { ...SYSTEM_ACTOR, role: 'viewer', label: 'viewer' };
    expect((await refusal(loadDemo(t.ctx, viewer))).code).toBe('forbidden');
    expect(await t.db.$count(parties)).toBe(0);
  });
});
