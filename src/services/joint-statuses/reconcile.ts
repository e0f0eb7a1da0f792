/**
 * Reconciliation: the joint status of a measure in a period follows its parties' approved
 * reports (issue 8 §3). The reports workflow calls `reconcile` inside its transaction after
 * every approval and reopening; it is idempotent (it recomputes from the reports as they are,
 * and does nothing when they are the ones the joint status was last computed from).
 */
import { sql } from 'drizzle-orm';
import type { MeasureStatus } from '../../contracts/enums';
import type { Tx } from '../../db/client';
import { jointStatuses } from '../../db/schema';
import { isoToday } from '../../domain/measures';
import type { Actor } from '../../domain/policies';
import {
  type ApprovedClaim,
  fromReports,
  type JointFacts,
  reportsBasis,
  transitionAction,
} from '../../domain/reconciliation';
import type { AuditLog } from '../core/mutate';
import { applyFollow, type FollowFacts, followFactsSql } from './follow';
import { jointAudit, type JointRow } from './present';

/** The measure and period whose joint status may have changed. */
export interface ReconcileTarget {
  measureId: string;
  periodId: string;
}

type Facts = {
  responsible: string[];
  approved: (ApprovedClaim & { reportId: string })[];
  tier: string;
  owner: string | null;
  /** The joint status as it is (locked), null before the first reconciliation. */
  cur: Pick<JointRow, 'id' | 'state' | 'status' | 'progress' | 'dissents' | 'reportsBasis'> | null;
};

/**
 * Locks the measure (so two approvals of the same measure reconcile one after the other, the
 * second seeing the first's report) and reads its responsible parties, approved reports for
 * the period and the joint status (locked too: a party's confirmation writes it without the
 * measure) in one statement.
 */
async function loadFacts(tx: Tx, t: ReconcileTarget): Promise<Facts | null> {
  const r = await tx.execute<Facts>(sql`
    select m.tier, m.owner_party_id as owner,
      coalesce((select json_agg(distinct mr.party_id) from measure_responsibles mr where mr.measure_id = m.id), '[]') as responsible,
      coalesce((select json_agg(json_build_object('reportId', r.id, 'partyId', r.party_id, 'status', r.status,
          'progress', r.progress, 'reviewedBy', r.reviewed_by,
          'reviewedAt', to_char(coalesce(r.reviewed_at, r.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        from reports r where r.measure_id = m.id and r.period_id = ${t.periodId} and r.state = 'approved'), '[]') as approved,
      (select json_build_object('id', js.id, 'state', js.state, 'status', js.status, 'progress', js.progress,
          'dissents', js.dissents, 'reportsBasis', js.reports_basis)
        from joint_statuses js where js.measure_id = m.id and js.period_id = ${t.periodId} for update) as cur
    from measures m where m.id = ${t.measureId} for update of m`);
  return r.rows[0] ?? null;
}

const STATE_ACTION = {
  awaiting_reports: 'joint_status.await',
  disputed: 'joint_status.dispute',
  confirmed: 'joint_status.confirm',
} as const;

/** Brings the joint status of `target` in line with its approved reports; the measure follows. */
export async function reconcile(
  tx: Tx,
  audit: AuditLog,
  _actor: Actor,
  target: ReconcileTarget,
  opts: { now?: Date } = {},
): Promise<void> {
  const facts = await loadFacts(tx, target);
  if (!facts) return;
  const cur = facts.cur ?? undefined;
  const basis = reportsBasis(facts.approved, facts.responsible);
  if (cur && cur.reportsBasis === basis) return;
  const claims = facts.approved.map((c) => ({
    ...c,
    status: c.status as MeasureStatus,
    progress: Number(c.progress),
  }));
  const next: JointFacts = fromReports(facts.responsible, claims, cur?.dissents ?? []);
  const partyScope = facts.tier === 'internal' ? facts.owner : null;
  const now = opts.now ?? new Date();
  const confirmedAt = next.state === 'confirmed' ? now : null;
  const values = {
    state: next.state,
    status: next.status,
    progress: next.progress,
    confirmations: next.confirmations,
    dissents: next.dissents,
    confirmedAt,
    reportsBasis: basis,
  };
  // the write and what the measure follows in one round trip (followFactsSql)
  const written = !cur
    ? tx
        .insert(jointStatuses)
        .values({ measureId: target.measureId, periodId: target.periodId, ...values })
        .returning()
    : tx
        .update(jointStatuses)
        .set({ ...values, version: sql`${jointStatuses.version} + 1`, updatedAt: sql`now()` })
        .where(sql`${jointStatuses.id} = ${cur.id}`)
        .returning();
  // (drizzle puts an embedded query in parentheses)
  const res = await tx.execute<
    FollowFacts & { id: string } & Record<string, unknown>
  >(sql`with w as ${written}
    select (select id from w) as id, f.* from (${followFactsSql(target.measureId, { cte: sql`w`, periodId: target.periodId })}) f`);
  const follow = res.rows[0];
  const id = follow.id;
  if (!cur)
    audit.record({
      action: 'joint_status.create',
      entityType: 'joint_status',
      entityId: id,
      after: { measureId: target.measureId, periodId: target.periodId, state: 'awaiting_reports' },
      partyScope,
    });
  // the reports changed, so something did: a new state, or new values in the same state
  const action = transitionAction(cur?.state ?? 'awaiting_reports', next.state) ?? STATE_ACTION[next.state];
  if (cur || next.state !== 'awaiting_reports') audit.record(jointAudit(action, id, cur, next, partyScope));
  await applyFollow(tx, audit, target.measureId, isoToday(now), follow);
}
