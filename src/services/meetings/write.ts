/** Creating, changing and deleting commission meetings (admin), decisions and their links included. */
import { and, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type MessageKey, msg } from '../../contracts/messages';
import type { Meeting, MeetingCreate, MeetingUpdate } from '../../contracts/meetings';
import type { Tx } from '../../db/client';
import {
  commissionMeetings,
  decisionMeasures,
  measures,
  meetingDecisions,
  meetingRoadmaps,
  parties,
  roadmaps,
} from '../../db/schema';
import { AppError, detail, fieldError, notFound } from '../../domain/errors';
import { canManageMeetings } from '../../domain/meeting-policies';
import type { Actor } from '../../domain/policies';
import { checkVersion, requireIds } from '../common';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { loadMeeting } from './present';

type Create = z.output<typeof MeetingCreate>;
type Update = z.output<typeof MeetingUpdate>;
type Decisions = Create['decisions'];

async function checkNumber(tx: Tx, number: number, except?: string) {
  const [other] = await tx
    .select({ id: commissionMeetings.id })
    .from(commissionMeetings)
    .where(
      and(eq(commissionMeetings.number, number), except ? ne(commissionMeetings.id, except) : undefined),
    );
  if (other)
    throw new AppError('conflict', msg('meeting.numberTaken', { number }), [
      detail('number', 'meeting.numberTaken', { number }),
    ]);
}

async function checkRefs(tx: Tx, input: Partial<Create>) {
  if (input.roadmapIds)
    await requireIds(tx, roadmaps, roadmaps.id, input.roadmapIds, 'roadmapIds', 'roadmap');
  if (input.coChairs)
    await requireIds(
      tx,
      parties,
      parties.id,
      input.coChairs.map((c) => c.partyId),
      'coChairs',
      'party',
    );
  for (const [i, d] of (input.decisions ?? []).entries())
    await requireIds(
      tx,
      measures,
      measures.id,
      d.measures.map((l) => l.measureId),
      `decisions.${i}.measures`,
      'measure',
    );
}

/** Replaces the meeting's decisions: kept ones by id, new ones inserted, the rest removed. */
async function replaceDecisions(tx: Tx, meetingId: string, list: Decisions) {
  const keep = list.flatMap((d) => (d.id ? [d.id] : []));
  if (keep.length) {
    const own = await tx
      .select({ id: meetingDecisions.id })
      .from(meetingDecisions)
      .where(and(inArray(meetingDecisions.id, keep), eq(meetingDecisions.meetingId, meetingId)));
    const ok = new Set(own.map((o) => o.id));
    const bad = list.flatMap((d, i) =>
      d.id && !ok.has(d.id) ? [detail(`decisions.${i}.id`, 'meeting.decisionOtherMeeting')] : [],
    );
    if (bad.length) throw fieldError('rule_violation', bad);
  }
  await tx
    .delete(meetingDecisions)
    .where(
      and(
        eq(meetingDecisions.meetingId, meetingId),
        keep.length ? notInArray(meetingDecisions.id, keep) : undefined,
      ),
    );
  // numbers move freely within the list: clear kept ones first so the unique index never trips midway
  if (keep.length)
    await tx
      .update(meetingDecisions)
      .set({ number: sql`-${meetingDecisions.number}` })
      .where(inArray(meetingDecisions.id, keep));
  for (const d of list) {
    const id = d.id
      ? (
          await tx
            .update(meetingDecisions)
            .set({ number: d.number, text: d.text })
            .where(eq(meetingDecisions.id, d.id))
            .returning()
        )[0].id
      : (
          await tx.insert(meetingDecisions).values({ meetingId, number: d.number, text: d.text }).returning()
        )[0].id;
    await tx.delete(decisionMeasures).where(eq(decisionMeasures.decisionId, id));
    if (d.measures.length)
      await tx
        .insert(decisionMeasures)
        .values(d.measures.map((l) => ({ decisionId: id, measureId: l.measureId, effect: l.effect })));
  }
}

async function replaceRoadmaps(tx: Tx, meetingId: string, ids: string[]) {
  await tx.delete(meetingRoadmaps).where(eq(meetingRoadmaps.meetingId, meetingId));
  if (ids.length) await tx.insert(meetingRoadmaps).values(ids.map((roadmapId) => ({ meetingId, roadmapId })));
}

const ADMIN = { role: 'admin' } as Actor;

export async function createMeeting(ctx: Ctx, actor: Actor, input: Create): Promise<Meeting> {
  authorize(canManageMeetings(actor), 'forbidden.meetings');
  return mutate(ctx, actor, async (tx, audit) => {
    await checkNumber(tx, input.number);
    await checkRefs(tx, input);
    const [r] = await tx
      .insert(commissionMeetings)
      .values({
        number: input.number,
        date: input.date,
        place: input.place ?? null,
        coChairs: input.coChairs.map((c) => ({ ...c, position: c.position ?? null })),
        agenda: input.agenda,
      })
      .returning({ id: commissionMeetings.id });
    await replaceRoadmaps(tx, r.id, input.roadmapIds);
    await replaceDecisions(tx, r.id, input.decisions);
    // only admins write meetings (canManageMeetings), so the audit's full view is the answer
    const out = await loadMeeting(tx, ADMIN, r.id);
    audit.record({ action: 'meeting.create', entityType: 'meeting', entityId: r.id, after: out });
    return out;
  });
}

/**
 * Locks a meeting for a change, at the version the caller read, and refuses (409 on `heldAt`)
 * one already held: what a held meeting decided is history, baselines were frozen against it.
 */
async function lockUnheld(tx: Tx, id: string, version: number, refusal: MessageKey): Promise<void> {
  const [cur] = await tx
    .select({
      id: commissionMeetings.id,
      version: commissionMeetings.version,
      heldAt: commissionMeetings.heldAt,
    })
    .from(commissionMeetings)
    .where(eq(commissionMeetings.id, id))
    .for('update');
  if (!cur) throw notFound('meeting');
  checkVersion(cur, version, 'meeting');
  if (cur.heldAt) throw new AppError('conflict', msg(refusal), [detail('heldAt', 'meeting.held')]);
}

export async function updateMeeting(ctx: Ctx, actor: Actor, id: string, input: Update): Promise<Meeting> {
  authorize(canManageMeetings(actor), 'forbidden.meetings');
  return mutate(ctx, actor, async (tx, audit) => {
    await lockUnheld(tx, id, input.version, 'meeting.heldReadOnly');
    const before = await loadMeeting(tx, ADMIN, id);
    if (input.number !== undefined) await checkNumber(tx, input.number, id);
    await checkRefs(tx, input);
    await tx
      .update(commissionMeetings)
      .set({
        ...(input.number !== undefined ? { number: input.number } : {}),
        ...(input.date !== undefined ? { date: input.date } : {}),
        ...(input.place !== undefined ? { place: input.place } : {}),
        ...(input.coChairs
          ? { coChairs: input.coChairs.map((c) => ({ ...c, position: c.position ?? null })) }
          : {}),
        ...(input.agenda ? { agenda: input.agenda } : {}),
        version: input.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(commissionMeetings.id, id));
    if (input.roadmapIds) await replaceRoadmaps(tx, id, input.roadmapIds);
    if (input.decisions) await replaceDecisions(tx, id, input.decisions);
    const after = await loadMeeting(tx, ADMIN, id);
    audit.record({ action: 'meeting.update', entityType: 'meeting', entityId: id, before, after });
    return after;
  });
}

/** Deletes a meeting not yet held; a held one is history (its baselines and decisions stay). */
export async function deleteMeeting(ctx: Ctx, actor: Actor, id: string, version: number): Promise<void> {
  authorize(canManageMeetings(actor), 'forbidden.meetings');
  await mutate(ctx, actor, async (tx, audit) => {
    await lockUnheld(tx, id, version, 'meeting.deleteHeld');
    const before = await loadMeeting(tx, ADMIN, id);
    await tx.delete(commissionMeetings).where(eq(commissionMeetings.id, id));
    audit.record({ action: 'meeting.delete', entityType: 'meeting', entityId: id, before });
  });
}
