/**
 * Reconciliation: the joint status of a measure in a period follows its parties' approved
 * reports (issue 8 §3). The reports workflow calls `reconcile` inside its transaction after
 * every approval and reopening; it is idempotent (it recomputes from the reports as they are).
 */
import type { Tx } from '../../db/client';
import type { Actor } from '../../domain/policies';
import type { AuditLog } from '../core/mutate';

/** The measure and period whose joint status may have changed. */
export interface ReconcileTarget {
  measureId: string;
  periodId: string;
}

/** Brings the joint status of `target` in line with its approved reports. */
export async function reconcile(
  _tx: Tx,
  _audit: AuditLog,
  _actor: Actor,
  _target: ReconcileTarget,
): Promise<void> {
  // Filled by the joint-statuses branch; the reports workflow already calls it.
}
