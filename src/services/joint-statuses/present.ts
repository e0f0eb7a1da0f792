/** Joint status rows → the contract, and the audit form of a change. */
import type { JointStatus } from '../../contracts/joint-statuses';
import type { I18nText } from '../../contracts/common';
import type { jointStatuses } from '../../db/schema';
import type { JointFacts } from '../../domain/reconciliation';
import { iso } from '../common';
import type { AuditInput } from '../core/mutate';

/** A stored joint status. */
export type JointRow = typeof jointStatuses.$inferSelect;

/** A joint status with the measure and period facts its list and page show. */
export type JointRowWithRefs = JointRow & {
  measureCode: string;
  measureTitle: I18nText;
  roadmapId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  periodState: string;
  tier: string;
  ownerPartyId: string | null;
};

export function presentJoint(r: JointRowWithRefs): JointStatus {
  return {
    id: r.id,
    measure: { id: r.measureId, code: r.measureCode, title: r.measureTitle, roadmapId: r.roadmapId },
    period: { id: r.periodId, code: r.periodCode, startDate: r.periodStart, endDate: r.periodEnd },
    state: r.state,
    status: r.status,
    progress: r.progress,
    confirmations: r.confirmations,
    dissents: r.dissents,
    confirmedAt: r.confirmedAt ? iso(r.confirmedAt) : null,
    version: r.version,
    updatedAt: iso(r.updatedAt),
  };
}

const own = (j: Pick<JointFacts, 'state' | 'status' | 'progress'>) => ({
  state: j.state,
  status: j.status,
  progress: j.progress,
});

/** The audit event of a joint status change: its state and values before and after. */
export function jointAudit(
  action: AuditInput['action'],
  id: string,
  before: Pick<JointFacts, 'state' | 'status' | 'progress'> | undefined,
  after: JointFacts,
  partyScope: string | null,
  extra: Record<string, unknown> = {},
): AuditInput {
  return {
    action,
    entityType: 'joint_status',
    entityId: id,
    before: before ? own(before) : null,
    after: { ...own(after), confirmations: after.confirmations, ...extra },
    partyScope,
  };
}
