/**
 * Notifications from audit events, through mutate as the workflows write them: who is told
 * (and who never is: the other party about a draft or returned report), the outbox (nothing
 * for a rolled-back change), preferences, dedupe; and the per-user SQL visibility agrees with
 * the domain rules on every user × report.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STATES, type Tier } from '../../contracts/enums';
import { jointStatuses, notificationPreferences, notifications, reports, users } from '../../db/schema';
import { type Actor, canReadMeasure, SYSTEM_ACTOR } from '../../domain/policies';
import { canReadReport } from '../../domain/report-visibility';
import { actorOf } from '../auth';
import { mutate } from '../core/mutate';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildUser, buildWorld, type World } from '../../test/factories';
import { buildJointMeasure, buildQuarter } from '../../test/monitoring';
import { userReadsMeasure, userReadsReport } from './recipients';

let t: TestDatabase;
let w: World;
let periodId: string;
let shared: { id: string };
let kzInternal: { id: string };
let extraRuReporter: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
  periodId = (await buildQuarter(t.ctx, w)).id;
  shared = await buildJointMeasure(t.ctx, w);
  kzInternal = await buildMeasure(t.ctx, {
    roadmapId: w.roadmap.id,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
});
afterAll(() => t.close());

/** A fresh measure of both parties (one report per measure × party × period). */
const sharedMeasure = () => buildJointMeasure(t.ctx, w);

async function newReport(
  measureId: string,
  partyId: string,
  state: (typeof REPORT_STATES)[number] = 'draft',
) {
  const id = randomUUID();
  await t.db.insert(reports).values({ id, measureId, periodId, partyId, state });
  return id;
}

/** A workflow step as helpers A and B write it: the row changes and its event is recorded. */
function step(
  actor: Actor,
  reportId: string,
  state: 'submitted' | 'returned',
  action: 'report.submit' | 'report.return',
  reason?: string,
) {
  return mutate(t.ctx, actor, async (tx, audit) => {
    const [r] = await tx
      .update(reports)
      .set({
        state,
        version: sql`${reports.version} + 1`,
        ...(state === 'submitted'
          ? { submittedBy: actor.userId, submittedAt: new Date() }
          : { returnReason: reason }),
      })
      .where(eq(reports.id, reportId))
      .returning();
    audit.record({
      action,
      entityType: 'report',
      entityId: r.id,
      after: { state, reason, partyId: r.partyId },
      partyScope: r.partyId,
    });
  });
}

const told = async (entityId: string) =>
  (await t.db.select().from(notifications).where(eq(notifications.entityId, entityId))).map((n) => ({
    to: n.recipientId,
    kind: n.kind,
    email: n.emailState,
    params: n.params,
    link: n.link,
  }));

describe('notifications from report events', () => {
  it('tells the coordinators of the report’s party of a submission, and never the other party', async () => {
    const id = await newReport(shared.id, w.kz.party.id);
    extraRuReporter = await buildUser(t.db, { role: 'reporter', organisation: w.ru.agency });
    await step(w.kz.reporter.actor, id, 'submitted', 'report.submit');
    const n = await told(id);
    expect(n.map((x) => x.to)).toEqual([w.kz.coordinator.id]);
    expect(n[0]).toMatchObject({
      kind: 'report_submitted',
      email: 'pending',
      link: `/measures/${shared.id}`,
    });
    expect(n[0].params).toMatchObject({ period: '2026-Q2', due: '2026-07-10' });
  });

  it('tells the submitter and the responsible reporters of a return, with the reason; the other party learns nothing', async () => {
    const id = await newReport(shared.id, w.ru.party.id);
    await step(w.ru.reporter.actor, id, 'submitted', 'report.submit');
    await step(w.ru.coordinator.actor, id, 'returned', 'report.return', 'Нет подтверждающих документов');
    const returned = (await told(id)).filter((x) => x.kind === 'report_returned');
    expect(returned.map((x) => x.to).sort()).toEqual([w.ru.reporter.id, extraRuReporter.id].sort());
    expect(returned[0].params.reason).toBe('Нет подтверждающих документов');
    const everyone = (await told(id)).map((x) => x.to);
    for (const other of [w.kz.coordinator.id, w.kz.reporter.id, w.viewer.id])
      expect(everyone).not.toContain(other);
  });

  it('writes nothing for a change that rolls back', async () => {
    const id = await newReport((await sharedMeasure()).id, w.kz.party.id);
    await expect(
      mutate(t.ctx, w.kz.reporter.actor, async (tx, audit) => {
        await tx.update(reports).set({ state: 'submitted' }).where(eq(reports.id, id));
        audit.record({ action: 'report.submit', entityType: 'report', entityId: id });
        throw new Error('refused later in the transaction');
      }),
    ).rejects.toThrow('refused later');
    expect(await told(id)).toEqual([]);
  });

  it('follows preferences: a kind switched off tells nobody, a digest waits for the digest', async () => {
    const a = await newReport((await sharedMeasure()).id, w.kz.party.id);
    await t.db
      .insert(notificationPreferences)
      .values({ userId: w.kz.coordinator.id, kind: 'report_submitted', enabled: true, email: 'digest' });
    await step(w.kz.reporter.actor, a, 'submitted', 'report.submit');
    expect((await told(a))[0].email).toBe('digest');
    await t.db
      .update(notificationPreferences)
      .set({ enabled: false })
      .where(eq(notificationPreferences.userId, w.kz.coordinator.id));
    const b = await newReport(kzInternal.id, w.kz.party.id);
    await step(w.kz.reporter.actor, b, 'submitted', 'report.submit');
    expect(await told(b)).toEqual([]);
    await t.db.delete(notificationPreferences).where(eq(notificationPreferences.userId, w.kz.coordinator.id));
  });
});

describe('notifications from joint statuses and comments', () => {
  it('tells coordinators of both parties of a dispute, and the reporters too once confirmed', async () => {
    const [j] = await t.db
      .insert(jointStatuses)
      .values({ measureId: shared.id, periodId, state: 'disputed' })
      .returning();
    await mutate(t.ctx, SYSTEM_ACTOR, async (_tx, audit) =>
      audit.record({ action: 'joint_status.dispute', entityType: 'joint_status', entityId: j.id }),
    );
    expect((await told(j.id)).map((x) => x.to).sort()).toEqual(
      [w.kz.coordinator.id, w.ru.coordinator.id].sort(),
    );
    // a confirmation that still waits for the other party tells nobody it is confirmed
    await mutate(t.ctx, w.kz.coordinator.actor, async (_tx, audit) =>
      audit.record({ action: 'joint_status.confirm', entityType: 'joint_status', entityId: j.id }),
    );
    expect((await told(j.id)).filter((x) => x.kind === 'joint_confirmed')).toEqual([]);
    await mutate(t.ctx, w.ru.coordinator.actor, async (tx, audit) => {
      await tx
        .update(jointStatuses)
        .set({ state: 'confirmed', version: 2 })
        .where(eq(jointStatuses.id, j.id));
      audit.record({ action: 'joint_status.confirm', entityType: 'joint_status', entityId: j.id });
    });
    const confirmed = (await told(j.id)).filter((x) => x.kind === 'joint_confirmed').map((x) => x.to);
    expect(confirmed.sort()).toEqual(
      [w.kz.coordinator.id, w.kz.reporter.id, w.ru.reporter.id, extraRuReporter.id].sort(),
    );
  });

  it('tells mentioned users who may see the item, never one who may not', async () => {
    const comment = randomUUID();
    await mutate(t.ctx, w.kz.coordinator.actor, async (_tx, audit) =>
      audit.record({
        action: 'comment.create',
        entityType: 'comment',
        entityId: comment,
        after: { measureId: kzInternal.id, mentions: [w.kz.reporter.id, w.ru.coordinator.id, w.viewer.id] },
      }),
    );
    const n = await told(comment);
    expect(n.map((x) => x.to)).toEqual([w.kz.reporter.id]);
    expect(n[0]).toMatchObject({ kind: 'comment_mention', link: `/measures/${kzInternal.id}` });
    expect(n[0].params.author).toBe('Тест Пользователь');
  });

  it('keeps an internal comment on a shared measure inside the author’s party', async () => {
    const comment = randomUUID();
    await mutate(t.ctx, w.kz.coordinator.actor, async (_tx, audit) =>
      audit.record({
        action: 'comment.create',
        entityType: 'comment',
        entityId: comment,
        after: {
          measureId: shared.id,
          visibility: 'internal',
          mentions: [w.kz.reporter.id, w.ru.coordinator.id],
        },
      }),
    );
    expect((await told(comment)).map((x) => x.to)).toEqual([w.kz.reporter.id]);
  });
});

describe('the per-user SQL visibility', () => {
  it('agrees with canReadReport and canReadMeasure on every user × report', async () => {
    for (const [tier, owner] of [
      ['public', null],
      ['internal', w.ru.party.id],
    ] as [Tier, string | null][]) {
      const m = await buildMeasure(t.ctx, {
        roadmapId: w.roadmap.id,
        tier,
        ownerPartyId: owner,
        responsible: [{ organisationId: (owner ? w.ru : w.kz).agency.id, role: 'lead' }],
      });
      for (const state of REPORT_STATES) {
        const other = await buildMeasure(t.ctx, {
          roadmapId: w.roadmap.id,
          tier,
          ownerPartyId: owner,
          responsible: [{ organisationId: w.ru.agency.id, role: 'lead' }],
        });
        await newReport(state === 'draft' ? m.id : other.id, w.ru.party.id, state);
      }
    }
    const rows = await t.db.execute<{ uid: string; rid: string; report: boolean; measure: boolean }>(sql`
      select u.id as uid, r.id as rid, ${userReadsReport('u', 'r', 'm')} as report, ${userReadsMeasure('u', 'm')} as measure
      from users u cross join reports r join measures m on m.id = r.measure_id`);
    const us = new Map((await t.db.select().from(users)).map((u) => [u.id, actorOf(u)]));
    const rs = new Map(
      (
        await t.db.execute<{
          id: string;
          party_id: string;
          state: 'draft';
          tier: Tier;
          owner_party_id: string | null;
        }>(
          sql`select r.id, r.party_id, r.state, m.tier, m.owner_party_id from reports r join measures m on m.id = r.measure_id`,
        )
      ).rows.map((r) => [r.id, r]),
    );
    expect(rows.rows.length).toBeGreaterThan(50);
    for (const row of rows.rows) {
      const a = us.get(row.uid)!;
      const r = rs.get(row.rid)!;
      const measure = { tier: r.tier, ownerPartyId: r.owner_party_id };
      expect(row.report, `${a.role} ${r.state} ${r.tier}`).toBe(
        canReadReport(a, { partyId: r.party_id, state: r.state, measure }),
      );
      expect(row.measure).toBe(canReadMeasure(a, measure));
    }
  });
});
