/** The measure or report a comment is on, loaded with the facts the comment rules read. */
import { eq } from 'drizzle-orm';
import type { CommentTargetKind } from '../../contracts/comments';
import type { DbOrTx } from '../../db/client';
import { measures, reports } from '../../db/schema';
import { type CommentTargetFacts, canReadCommentTarget } from '../../domain/comments';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';

/** A comment target the actor may read. */
export interface Target {
  kind: CommentTargetKind;
  id: string;
  measureId: string;
  reportId: string | null;
  facts: CommentTargetFacts;
}

/** Loads the target, or 404 as if it did not exist when the actor may not read it. */
export async function loadTarget(db: DbOrTx, actor: Actor, kind: CommentTargetKind, id: string) {
  const t = await findTarget(db, kind, id);
  if (!t || !canReadCommentTarget(actor, t.facts)) throw notFound(kind);
  return t;
}

async function findTarget(db: DbOrTx, kind: CommentTargetKind, id: string): Promise<Target | null> {
  const measure = { tier: measures.tier, ownerPartyId: measures.ownerPartyId };
  if (kind === 'measure') {
    const [m] = await db.select(measure).from(measures).where(eq(measures.id, id));
    return m ? { kind, id, measureId: id, reportId: null, facts: { measure: m, report: null } } : null;
  }
  const [r] = await db
    .select({ measureId: reports.measureId, partyId: reports.partyId, state: reports.state, ...measure })
    .from(reports)
    .innerJoin(measures, eq(measures.id, reports.measureId))
    .where(eq(reports.id, id));
  if (!r) return null;
  return {
    kind,
    id,
    measureId: r.measureId,
    reportId: id,
    facts: {
      measure: { tier: r.tier, ownerPartyId: r.ownerPartyId },
      report: { partyId: r.partyId, state: r.state },
    },
  };
}
