/**
 * The demo's indicators (issue 8 §9): a few joint measures get an indicator each, with a
 * baseline and a target for every reporting period; actual values come with the parties'
 * approved reports. Until the demo has reports of its own (the reports branch adds them), one
 * joint measure gets both parties' approved reports for the latest period already due, with
 * claims too far apart, so the Reconciliation page has a dispute to show at first start.
 */
import { sql } from 'drizzle-orm';
import type { IndicatorUnit } from '../contracts/indicators';
import type { Tx } from '../db/client';
import { indicators, indicatorTargets, reports } from '../db/schema';
import { SYSTEM_ACTOR } from '../domain/policies';
import type { AuditInput } from '../services/core/mutate';
import { reconcile } from '../services/joint-statuses';

const INDICATORS: {
  name: { ru: string; kk: string; en: string };
  unit: IndicatorUnit;
  base: number;
  step: number;
}[] = [
  {
    name: {
      ru: 'Доля товаров, оформленных в электронном виде',
      kk: 'Электронды түрде ресімделген тауарлардың үлесі',
      en: 'Share of goods cleared electronically',
    },
    unit: 'percent',
    base: 42.5,
    step: 6,
  },
  {
    name: {
      ru: 'Объём перевозок по железной дороге',
      kk: 'Темір жол арқылы тасымалдау көлемі',
      en: 'Rail freight volume',
    },
    unit: 'tonnes',
    base: 1_250_000,
    step: 40_000,
  },
  {
    name: { ru: 'Объём взаимной торговли', kk: 'Өзара сауда көлемі', en: 'Mutual trade turnover' },
    unit: 'usd_million',
    base: 27_800,
    step: 450,
  },
];

/** Adds the demo's indicators (and, without reports yet, one dispute); returns their audit events. */
export async function loadDemoMonitoring(tx: Tx, roadmapId: string, now: Date): Promise<AuditInput[]> {
  const events: AuditInput[] = [];
  // joint leaves carried out by both parties, in code order
  const joint = (
    await tx.execute<{ id: string }>(sql`select m.id from measures m
      where m.roadmap_id = ${roadmapId} and m.tier <> 'internal' and m.child_count = 0
        and (select count(distinct party_id) from measure_responsibles r where r.measure_id = m.id) = 2
      order by m.sort_key limit ${INDICATORS.length + 1}`)
  ).rows.map((r) => r.id);
  const periodRows = (
    await tx.execute<{
      id: string;
      due_passed: boolean;
    }>(sql`select id, report_due_date < ${now.toISOString().slice(0, 10)}::date as due_passed
      from periods where roadmap_id = ${roadmapId} order by start_date`)
  ).rows;
  for (const [i, def] of INDICATORS.entries()) {
    const measureId = joint[i + 1];
    if (!measureId) break;
    const [row] = await tx
      .insert(indicators)
      .values({
        measureId,
        name: def.name,
        unit: def.unit,
        direction: 'up',
        baselineValue: def.base,
        baselineDate: '2025-12-31',
        position: 1,
      })
      .returning();
    const targets = periodRows.map((p, k) => ({
      indicatorId: row.id,
      periodId: p.id,
      value: Math.min(def.unit === 'percent' ? 100 : Number.POSITIVE_INFINITY, def.base + def.step * (k + 1)),
    }));
    if (targets.length) await tx.insert(indicatorTargets).values(targets);
    events.push({
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      after: { id: row.id, measureId, name: def.name, unit: def.unit, targets: targets.length },
    });
  }

  const [{ any }] = (await tx.execute<{ any: boolean }>(sql`select exists(select 1 from reports) as any`))
    .rows;
  const due = periodRows.filter((p) => p.due_passed).at(-1);
  if (any || !due || !joint[0]) return events;
  const coords = (
    await tx.execute<{ id: string; party_id: string }>(sql`select u.id, u.party_id from users u
      where u.role = 'coordinator' and u.party_id in (select party_id from measure_responsibles where measure_id = ${joint[0]})
      order by u.email`)
  ).rows;
  const byParty = new Map(coords.map((c) => [c.party_id, c.id]));
  const claims = [
    { progress: 80, narrative: 'Работы завершены на участке границы; осталась пусконаладка.' },
    { progress: 55, narrative: 'Выполнена половина работ; сроки поставки оборудования сдвинуты.' },
  ];
  for (const [k, [partyId, userId]] of [...byParty.entries()].slice(0, 2).entries()) {
    const [r] = await tx
      .insert(reports)
      .values({
        measureId: joint[0],
        periodId: due.id,
        partyId,
        state: 'approved',
        status: 'in_progress',
        progress: claims[k].progress,
        narrative: { ru: claims[k].narrative },
        createdBy: userId,
        submittedAt: now,
        submittedBy: userId,
        reviewedAt: now,
        reviewedBy: userId,
      })
      .returning({ id: reports.id });
    events.push({
      action: 'report.approve',
      entityType: 'report',
      entityId: r.id,
      after: { state: 'approved', progress: claims[k].progress },
    });
  }
  await reconcile(
    tx,
    { record: (e) => events.push(...(Array.isArray(e) ? e : [e])) },
    SYSTEM_ACTOR,
    {
      measureId: joint[0],
      periodId: due.id,
    },
    { now },
  );
  return events;
}
