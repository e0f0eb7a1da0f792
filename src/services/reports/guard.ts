/**
 * What every report write checks first, in one order: the report is visible (else 404, as if
 * absent), the actor may act (403 with why), the period is not locked (409 naming it), the
 * report's state allows the action (409 naming the state), the version is current (409).
 */
import { sql } from 'drizzle-orm';
import type { PeriodState } from '../../contracts/enums';
import { msg } from '../../contracts/messages';
import type { Tx } from '../../db/client';
import { AppError, detail, notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { periodLockedError, type ReportAction, reportPolicy, reportStateError } from '../../domain/reports';
import { checkVersion } from '../common';
import { authorize } from '../core/authorize';
import type { ReportIdentity } from './read';
import { reportVisibleAs } from './visibility';

/** A report locked for a write, with what its rules read. */
export interface ReportForWrite extends ReportIdentity {
  measureCode: string;
  tier: 'shared' | 'public' | 'internal';
  periodCode: string;
  periodState: PeriodState;
  reportDueDate: string;
  responsible: { organisationId: string; partyId: string }[];
}

/** Loads and locks report `id` as `actor` may see it; 404 otherwise. */
export async function lockReport(tx: Tx, actor: Actor, id: string): Promise<ReportForWrite> {
  const res = await tx.execute<ReportForWrite & Record<string, unknown>>(sql`
    select r.id, r.measure_id as "measureId", r.period_id as "periodId", r.party_id as "partyId",
      r.state, r.status, r.progress, r.late, r.version, m.code as "measureCode", m.tier,
      p.code as "periodCode", p.state as "periodState", p.report_due_date as "reportDueDate",
      coalesce((select json_agg(json_build_object('organisationId', mr.organisation_id, 'partyId', mr.party_id))
        from measure_responsibles mr where mr.measure_id = m.id), '[]'::json) as responsible
    from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
    where r.id = ${id} and ${reportVisibleAs('r', 'm', actor)}
    for update of r`);
  const row = res.rows[0];
  if (!row) throw notFound('report');
  return row;
}

/** 409 naming the locked period; null-safe for the period rules of every write. */
export function requireUnlockedPeriod(p: { periodState: PeriodState; periodCode: string }): void {
  const locked = periodLockedError(p.periodState);
  if (locked)
    throw new AppError('conflict', msg(locked, { code: p.periodCode }), [
      detail('periodId', 'period.stateIs', { state: msg('periodState.locked') }),
    ]);
}

/** The checks of `action` on a locked report, in the order of this file's comment. */
export function guard(
  actor: Actor,
  action: Exclude<ReportAction, 'create'>,
  r: ReportForWrite,
  version: number,
) {
  const refusal = reportPolicy(actor, action, r);
  if (refusal) authorize(false, refusal);
  requireUnlockedPeriod(r);
  const wrongState = reportStateError(r.state, action);
  if (wrongState) {
    const state = msg(`reportState.${r.state}`);
    throw new AppError('conflict', msg(wrongState, { state }), [
      detail('state', 'report.stateIs', { state }),
    ]);
  }
  checkVersion(r, version, 'report', r.measureCode);
}
