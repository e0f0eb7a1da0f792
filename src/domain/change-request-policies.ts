/**
 * Who may ask for, read and decide due-date change requests (issue 9 §4). A coordinator of a
 * party responsible for a measure asks; the secretariat (admin) accepts or declines. A request
 * is its party's data: that party's coordinators and the secretariat read it, nobody else —
 * and never about a measure the reader may not see.
 */
import { type Actor, canReadMeasure, isAdmin, type MeasureFacts } from './policies';

/** May the actor ask for a change of this measure? */
export function canRequestChange(a: Actor, m: MeasureFacts): boolean {
  return (
    a.role === 'coordinator' &&
    a.partyId !== null &&
    canReadMeasure(a, m) &&
    m.responsible.some((r) => r.partyId === a.partyId)
  );
}

/** May the actor read a request of `partyId` about this measure? (SQL mirror: change-requests/read.ts) */
export function canReadChangeRequest(
  a: Actor,
  req: { partyId: string },
  m: Pick<MeasureFacts, 'tier' | 'ownerPartyId'>,
): boolean {
  if (isAdmin(a)) return true;
  return a.role === 'coordinator' && a.partyId === req.partyId && canReadMeasure(a, m);
}

export const canDecideChangeRequest = (a: Actor) => isAdmin(a);

/** The responsible bodies after a party's request: its own replaced, the other party's kept. */
export function responsibleAfterRequest<R extends { partyId: string }>(
  current: readonly R[],
  partyId: string,
  requested: readonly R[],
): R[] {
  return [...current.filter((r) => r.partyId !== partyId), ...requested];
}
