/** Commission meetings as the caller sees them, a page of them in four grouped queries. */
import { and, asc, count, desc, eq, exists, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Meeting, MeetingQuery } from '../../contracts/meetings';
import type { DbOrTx } from '../../db/client';
import {
  commissionMeetings,
  decisionMeasures,
  measures,
  meetingDecisions,
  meetingRoadmaps,
} from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { iso, readAll } from '../common';
import type { Ctx } from '../context';
import { measureVisibility } from '../measures/queries';
import { loadVisible } from '../measures/rules';

type Row = typeof commissionMeetings.$inferSelect;
/** The columns but the protocol's bytes. */
const { protocolContent: _c, ...META } = getTableColumns(commissionMeetings);

export async function presentMeetings(
  db: DbOrTx,
  actor: Actor,
  rows: Omit<Row, 'protocolContent'>[],
): Promise<Meeting[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, decisions, dm] = await readAll(db, [
    () => db.select().from(meetingRoadmaps).where(inArray(meetingRoadmaps.meetingId, ids)),
    () =>
      db
        .select()
        .from(meetingDecisions)
        .where(inArray(meetingDecisions.meetingId, ids))
        .orderBy(asc(meetingDecisions.number)),
    () =>
      db
        .select({
          decisionId: decisionMeasures.decisionId,
          measureId: decisionMeasures.measureId,
          effect: decisionMeasures.effect,
          code: measures.code,
          sortKey: measures.sortKey,
          title: measures.title,
        })
        .from(decisionMeasures)
        .innerJoin(meetingDecisions, eq(meetingDecisions.id, decisionMeasures.decisionId))
        .innerJoin(measures, eq(measures.id, decisionMeasures.measureId))
        .where(and(inArray(meetingDecisions.meetingId, ids), measureVisibility(actor)))
        .orderBy(asc(measures.sortKey)),
  ]);
  const byDecision = new Map<string, Meeting['decisions'][number]['measures']>();
  for (const l of dm)
    byDecision.set(l.decisionId, [
      ...(byDecision.get(l.decisionId) ?? []),
      { measureId: l.measureId, code: l.code, title: l.title, effect: l.effect },
    ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    date: r.date,
    place: r.place ?? null,
    coChairs: r.coChairs.map((c) => ({ partyId: c.partyId, name: c.name, position: c.position ?? null })),
    roadmapIds: links
      .filter((l) => l.meetingId === r.id)
      .map((l) => l.roadmapId)
      .sort(),
    agenda: r.agenda,
    decisions: decisions
      .filter((d) => d.meetingId === r.id)
      .map((d) => ({ id: d.id, number: d.number, text: d.text, measures: byDecision.get(d.id) ?? [] })),
    heldAt: r.heldAt ? iso(r.heldAt) : null,
    protocol:
      r.protocolName && r.protocolSha256
        ? {
            fileName: r.protocolName,
            contentType: r.protocolType ?? '',
            size: r.protocolSize ?? 0,
            sha256: r.protocolSha256,
          }
        : null,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }));
}

export async function loadMeeting(db: DbOrTx, actor: Actor, id: string): Promise<Meeting> {
  const rows = await db.select(META).from(commissionMeetings).where(eq(commissionMeetings.id, id));
  if (!rows.length) throw notFound('meeting');
  return (await presentMeetings(db, actor, rows))[0];
}

export const getMeeting = (ctx: Ctx, actor: Actor, id: string) => loadMeeting(ctx.db, actor, id);

/** Meetings, newest first; `roadmapId` narrows to those that review that roadmap. */
export async function findMeetings(ctx: Ctx, actor: Actor, q: z.output<typeof MeetingQuery>) {
  const where = q.roadmapId
    ? exists(
        ctx.db
          .select({ one: sql`1` })
          .from(meetingRoadmaps)
          .where(
            and(
              eq(meetingRoadmaps.meetingId, commissionMeetings.id),
              eq(meetingRoadmaps.roadmapId, q.roadmapId),
            ),
          ),
      )
    : undefined;
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select(META)
      .from(commissionMeetings)
      .where(where)
      .orderBy(desc(commissionMeetings.date), desc(commissionMeetings.number))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.select({ n: count() }).from(commissionMeetings).where(where),
  ]);
  return { data: await presentMeetings(ctx.db, actor, rows), page: q.page, limit: q.limit, total: n };
}

/** The decisions that created, changed, closed or moved a measure (the measure must be visible). */
export async function measureDecisions(ctx: Ctx, actor: Actor, measureId: string) {
  const db = ctx.db;
  await loadVisible(db, actor, measureId);
  const rows = await db
    .select({
      decisionId: meetingDecisions.id,
      number: meetingDecisions.number,
      text: meetingDecisions.text,
      effect: decisionMeasures.effect,
      meetingId: commissionMeetings.id,
      meetingNumber: commissionMeetings.number,
      meetingDate: commissionMeetings.date,
    })
    .from(decisionMeasures)
    .innerJoin(meetingDecisions, eq(meetingDecisions.id, decisionMeasures.decisionId))
    .innerJoin(commissionMeetings, eq(commissionMeetings.id, meetingDecisions.meetingId))
    .where(eq(decisionMeasures.measureId, measureId))
    .orderBy(asc(commissionMeetings.date), asc(meetingDecisions.number));
  return { data: rows };
}
