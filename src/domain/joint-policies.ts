/**
 * Who reconciles and who manages indicators (issue 8 §3–4). Confirmations and dissents are a
 * party's own word: only coordinators of a responsible party give them; the secretariat
 * (admins) does not confirm for a party — its corrections go through the measure with a
 * reason. Indicators are planning data: admins and coordinators of a responsible party.
 */
import { type Actor, canReadMeasure, type MeasureFacts } from './policies';

/** May the actor confirm, or dissent from, the joint status of a measure with these responsible parties? */
export const canReconcile = (a: Actor, responsibleParties: readonly string[]) =>
  a.role === 'coordinator' && a.partyId !== null && responsibleParties.includes(a.partyId);

/** May the actor add, change or remove the indicators of this measure? */
export function canManageIndicators(a: Actor, m: MeasureFacts): boolean {
  if (!canReadMeasure(a, m)) return false;
  if (a.role === 'admin') return true;
  return a.role === 'coordinator' && m.responsible.some((r) => r.partyId === a.partyId);
}
