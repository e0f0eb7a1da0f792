/** Reading change requests: the secretariat all, a coordinator its own party's (about measures it sees). */
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChangeRequest, ChangeRequestQuery } from '../../contracts/change-requests';
import type { DbOrTx } from '../../db/client';
import { changeRequests, measures, users } from '../../db/schema';
import { type Actor, isAdmin } from '../../domain/policies';
import { iso } from '../common';
import type { Ctx } from '../context';
import { measureVisibility } from '../measures/queries';

/** SQL form of domain canReadChangeRequest. */
export function changeRequestVisibility(actor: Actor): SQL | undefined {
  if (isAdmin(actor)) return undefined;
  if (actor.role !== 'coordinator' || !actor.partyId) return sql`false`;
  return and(eq(changeRequests.partyId, actor.partyId), measureVisibility(actor));
}

const COLUMNS = {
  cr: changeRequests,
  code: measures.code,
  roadmapId: measures.roadmapId,
  currentDueDate: measures.dueDate,
  requester: users.name,
};
type Joined = {
  cr: typeof changeRequests.$inferSelect;
  code: string;
  roadmapId: string;
  currentDueDate: string;
  requester: string | null;
};

export function presentChangeRequest(r: Joined): ChangeRequest {
  const c = r.cr;
  return {
    id: c.id,
    measureId: c.measureId,
    measureCode: r.code,
    roadmapId: r.roadmapId,
    partyId: c.partyId,
    requestedBy: c.requestedBy,
    requestedByName: r.requester,
    state: c.state,
    dueDate: c.dueDate,
    previousDueDate: c.previousDueDate,
    currentDueDate: r.currentDueDate,
    responsible: c.responsible?.map((x) => ({ organisationId: x.organisationId, role: x.role })) ?? null,
    reason: c.reason,
    decidedAt: c.decidedAt ? iso(c.decidedAt) : null,
    declineReason: c.declineReason,
    decisionId: c.decisionId,
    version: c.version,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

const joined = (db: DbOrTx) =>
  db
    .select(COLUMNS)
    .from(changeRequests)
    .innerJoin(measures, eq(measures.id, changeRequests.measureId))
    .leftJoin(users, eq(users.id, changeRequests.requestedBy));

/** One request as the actor may see it, or null. */
export async function loadChangeRequest(db: DbOrTx, actor: Actor, id: string) {
  const [r] = await joined(db).where(and(eq(changeRequests.id, id), changeRequestVisibility(actor)));
  return r ? presentChangeRequest(r) : null;
}

export async function findChangeRequests(ctx: Ctx, actor: Actor, q: z.output<typeof ChangeRequestQuery>) {
  const where = and(
    changeRequestVisibility(actor),
    q.state ? eq(changeRequests.state, q.state) : undefined,
    q.roadmapId ? eq(measures.roadmapId, q.roadmapId) : undefined,
    q.measureId ? eq(changeRequests.measureId, q.measureId) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    joined(ctx.db)
      .where(where)
      .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db
      .select({ n: count() })
      .from(changeRequests)
      .innerJoin(measures, eq(measures.id, changeRequests.measureId))
      .where(where),
  ]);
  return { data: rows.map(presentChangeRequest), page: q.page, limit: q.limit, total: n };
}
