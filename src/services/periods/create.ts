/**
 * Adding periods: the calendar periods a roadmap needs (on approval and on demand, both
 * idempotent) and one period an admin names. Both hold the roadmap's row lock, so two
 * writers never add overlapping periods side by side.
 */
import { and, eq, gte, lte, min, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { msg } from '../../contracts/messages';
import type { PeriodCreate } from '../../contracts/periods';
import type { Tx } from '../../db/client';
import { measures, periods, roadmaps } from '../../db/schema';
import { AppError, detail, notFound, ruleViolation } from '../../domain/errors';
import {
  addDays,
  calendarCodeMismatch,
  codeOfSpan,
  overlaps,
  type PeriodSpan,
  periodsToGenerate,
  reportDueDate,
} from '../../domain/periods';
import { type Actor, canManagePeriods } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { authorize } from '../core/authorize';
import { type AuditLog, mutate } from '../core/mutate';
import { periodsOf, presentPeriod } from './read';

type RoadmapRow = typeof roadmaps.$inferSelect;

async function lockRoadmap(tx: Tx, id: string): Promise<RoadmapRow> {
  const [r] = await tx.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
  if (!r) throw notFound('roadmap');
  if (r.status === 'archived') throw ruleViolation('roadmapId', 'roadmap.archived');
  return r;
}

async function insertPeriods(tx: Tx, r: RoadmapRow, spans: PeriodSpan[], audit: AuditLog) {
  if (spans.length === 0) return [];
  const rows = await tx
    .insert(periods)
    .values(
      spans.map((s) => ({ roadmapId: r.id, ...s, reportDueDate: reportDueDate(s.endDate, r.reportDueDays) })),
    )
    .returning();
  audit.record(
    rows.map((p) => ({
      action: 'period.create' as const,
      entityType: 'period' as const,
      entityId: p.id,
      after: presentPeriod(p),
    })),
  );
  return rows;
}

/**
 * Adds the calendar periods of `r`'s frequency from its earliest joint measure start up to the
 * next period ahead of `day`, skipping any that would overlap a period it already has (so
 * running it twice, or after the frequency changed, adds nothing twice). The caller holds the
 * roadmap's row lock. Internal measures do not count: the joint calendar must not hint that
 * one party plans something earlier than anything both see.
 */
export async function addMissingPeriods(
  tx: Tx,
  r: RoadmapRow,
  day: string,
  audit: AuditLog,
): Promise<number> {
  const [{ earliest }] = await tx
    .select({ earliest: min(measures.startDate) })
    .from(measures)
    .where(and(eq(measures.roadmapId, r.id), ne(measures.tier, 'internal')));
  const wanted = periodsToGenerate(r.reportingFrequency, earliest, day);
  if (wanted.length === 0) return 0;
  const existing = await tx
    .select({ startDate: periods.startDate, endDate: periods.endDate })
    .from(periods)
    .where(eq(periods.roadmapId, r.id));
  const missing = wanted.filter((w) => !existing.some((e) => overlaps(e, w)));
  return (await insertPeriods(tx, r, missing, audit)).length;
}

/**
 * When a roadmap's reportDueDays changes, its open periods follow (their reports are still
 * to come); closed and locked ones keep the date they were judged by. The caller holds the
 * roadmap's row lock.
 */
export async function followDueDays(tx: Tx, r: RoadmapRow, audit: AuditLog): Promise<void> {
  const open = await tx
    .select()
    .from(periods)
    .where(and(eq(periods.roadmapId, r.id), eq(periods.state, 'open')))
    .orderBy(periods.startDate);
  for (const p of open) {
    const due = reportDueDate(p.endDate, r.reportDueDays);
    if (due === p.reportDueDate) continue;
    const [row] = await tx
      .update(periods)
      .set({ reportDueDate: due, version: p.version + 1, updatedAt: sql`now()` })
      .where(eq(periods.id, p.id))
      .returning();
    audit.record({
      action: 'period.update',
      entityType: 'period',
      entityId: p.id,
      before: presentPeriod(p),
      after: presentPeriod(row),
    });
  }
}

/** POST /roadmaps/{id}/periods/generate (admin). */
export async function generatePeriods(ctx: Ctx, actor: Actor, roadmapId: string) {
  authorize(canManagePeriods(actor), 'forbidden.periods');
  return mutate(ctx, actor, async (tx, audit) => {
    const r = await lockRoadmap(tx, roadmapId);
    const created = await addMissingPeriods(tx, r, today(ctx), audit);
    return { created, data: await periodsOf(tx, roadmapId) };
  });
}

/** POST /roadmaps/{id}/periods (admin): one period; 409 naming the period it would overlap. */
export async function createPeriod(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  input: z.output<typeof PeriodCreate>,
) {
  authorize(canManagePeriods(actor), 'forbidden.periods');
  if (input.endDate < input.startDate) throw ruleViolation('endDate', 'date.beforeStart');
  if (input.endDate > addDays(input.startDate, 366)) throw ruleViolation('endDate', 'period.tooLong');
  return mutate(ctx, actor, async (tx, audit) => {
    const r = await lockRoadmap(tx, roadmapId);
    const [clash] = await tx
      .select()
      .from(periods)
      .where(
        and(
          eq(periods.roadmapId, roadmapId),
          lte(periods.startDate, input.endDate),
          gte(periods.endDate, input.startDate),
        ),
      )
      .orderBy(periods.startDate)
      .limit(1);
    if (clash)
      throw new AppError(
        'conflict',
        msg('period.overlaps', { code: clash.code, startDate: clash.startDate, endDate: clash.endDate }),
        [detail('startDate', 'period.overlapsWith', { code: clash.code })],
      );
    const code = input.code ?? codeOfSpan(input.startDate, input.endDate);
    const own = calendarCodeMismatch(code, input.startDate, input.endDate);
    if (own) throw ruleViolation('code', 'period.calendarCode', { code, own });
    const [taken] = await tx
      .select({ id: periods.id })
      .from(periods)
      .where(and(eq(periods.roadmapId, roadmapId), eq(periods.code, code)));
    if (taken)
      throw new AppError('conflict', msg('period.codeTaken', { code }), [detail('code', 'value.taken')]);
    const [row] = await insertPeriods(
      tx,
      r,
      [{ code, startDate: input.startDate, endDate: input.endDate }],
      audit,
    );
    return presentPeriod(row);
  });
}
