/**
 * Notifications from audit events (a transactional outbox): `mutate` hands this the events
 * of its transaction before the commit, and the notification rows are written in the same
 * transaction, so a rolled-back change tells nobody. Rows are read by the events' entity ids
 * (the payload is not trusted for visibility), and every recipient is checked against the
 * visibility rules in the one query of its kind: a party's draft, submitted or returned
 * report reaches only that party. The actor is never told about their own action.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { Actor } from '../../domain/policies';
import type { AuditInput } from '../core/mutate';
import { insertNotifications, userReadsMeasure, userReadsReport } from './recipients';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (xs: unknown[]) => [
  ...new Set(xs.filter((x): x is string => typeof x === 'string' && UUID.test(x))),
];
const idArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The e-mail-able facts of a report's or joint status's measure and period. */
const measureParams = sql`jsonb_build_object('code', m.code, 'title', m.title, 'period', p.code, 'due', p.report_due_date)`;

function reportSubmitted(actor: Actor, ids: string[]) {
  return insertNotifications(
    'report_submitted',
    sql`select u.id as recipient_id, 'report' as entity_type, r.id as entity_id, '/measures/' || m.id as link,
               ${measureParams} as params, 'report_submitted:' || r.id || ':' || r.version || ':' || u.id as dedupe_key
        from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
        join users u on u.role = 'coordinator' and u.party_id = r.party_id and not u.disabled
        where r.id = any(${idArray(ids)}) and r.state = 'submitted' and u.id <> ${actor.userId}
          and ${userReadsReport('u', 'r', 'm')}`,
  );
}

function reportReturned(actor: Actor, ids: string[]) {
  return insertNotifications(
    'report_returned',
    sql`select u.id as recipient_id, 'report' as entity_type, r.id as entity_id, '/measures/' || m.id as link,
               ${measureParams} || jsonb_build_object('reason', r.return_reason) as params,
               'report_returned:' || r.id || ':' || r.version || ':' || u.id as dedupe_key
        from reports r join measures m on m.id = r.measure_id join periods p on p.id = r.period_id
        join users u on not u.disabled and (u.id = r.submitted_by or (u.role = 'reporter' and u.organisation_id in
          (select mr.organisation_id from measure_responsibles mr where mr.measure_id = r.measure_id and mr.party_id = r.party_id)))
        where r.id = any(${idArray(ids)}) and r.state = 'returned' and u.id <> ${actor.userId}
          and ${userReadsReport('u', 'r', 'm')}`,
  );
}

/** Coordinators of every responsible party; with `reporters`, also the responsible organisations' reporters. */
function jointStatus(kind: 'joint_disputed' | 'joint_confirmed', state: string, actor: Actor, ids: string[]) {
  const reporters =
    kind === 'joint_confirmed'
      ? sql`or (u.role = 'reporter' and u.organisation_id in (select mr.organisation_id from measure_responsibles mr where mr.measure_id = j.measure_id))`
      : sql``;
  return insertNotifications(
    kind,
    sql`select u.id as recipient_id, 'joint_status' as entity_type, j.id as entity_id, '/measures/' || m.id as link,
               ${measureParams} as params, ${`${kind}:`} || j.id || ':' || j.version || ':' || u.id as dedupe_key
        from joint_statuses j join measures m on m.id = j.measure_id join periods p on p.id = j.period_id
        join users u on not u.disabled and ((u.role = 'coordinator' and u.party_id in
          (select mr.party_id from measure_responsibles mr where mr.measure_id = j.measure_id)) ${reporters})
        where j.id = any(${idArray(ids)}) and j.state = ${state}::joint_state and u.id <> ${actor.userId}
          and ${userReadsMeasure('u', 'm')}`,
  );
}

interface Mention {
  commentId: string;
  measureId: string | null;
  reportId: string | null;
  internal: boolean;
  users: string[];
}

/**
 * Users mentioned in a comment, each checked against the comment's measure (and report):
 * an internal comment reaches only the author's party (and admins).
 */
function commentMentions(actor: Actor, m: Mention) {
  const onReport = m.reportId
    ? sql`and exists (select 1 from reports r where r.id = ${m.reportId} and r.measure_id = m.id and ${userReadsReport('u', 'r', 'm')})`
    : sql``;
  const internal = m.internal
    ? sql`and (u.role = 'admin' or (u.role in ('coordinator', 'reporter') and u.party_id = ${actor.partyId}))`
    : sql``;
  const measure = m.measureId
    ? sql`m.id = ${m.measureId}`
    : sql`m.id = (select r.measure_id from reports r where r.id = ${m.reportId})`;
  return insertNotifications(
    'comment_mention',
    sql`select u.id as recipient_id, 'comment' as entity_type, ${m.commentId}::uuid as entity_id, '/measures/' || m.id as link,
               jsonb_build_object('code', m.code, 'title', m.title,
                 'author', coalesce((select a.name from users a where a.id = ${actor.userId}), ${actor.label})) as params,
               'comment_mention:' || ${m.commentId} || ':' || u.id as dedupe_key
        from measures m join users u on u.id = any(${idArray(m.users)}) and not u.disabled
        where ${measure} and u.id <> ${actor.userId} and ${userReadsMeasure('u', 'm')} ${onReport} ${internal}`,
  );
}

function mentionOf(e: AuditInput): Mention | null {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const users = uuids(Array.isArray(after.mentions) ? after.mentions : []);
  const [commentId] = uuids([e.entityId]);
  const [measureId = null] = uuids([after.measureId]);
  const [reportId = null] = uuids([after.reportId]);
  if (!commentId || users.length === 0 || (!measureId && !reportId)) return null;
  const internal = after.visibility === 'internal' || after.internal === true;
  return { commentId, measureId, reportId, internal, users };
}

/** The INSERT statements of the notifications the events call for (none when nobody is told). */
export function notificationStatements(actor: Actor, events: readonly AuditInput[]) {
  const ids = (action: string) => uuids(events.filter((e) => e.action === action).map((e) => e.entityId));
  const statements = [];
  const submitted = ids('report.submit');
  if (submitted.length) statements.push(reportSubmitted(actor, submitted));
  const returned = ids('report.return');
  if (returned.length) statements.push(reportReturned(actor, returned));
  const disputed = ids('joint_status.dispute');
  if (disputed.length) statements.push(jointStatus('joint_disputed', 'disputed', actor, disputed));
  const confirmed = ids('joint_status.confirm');
  if (confirmed.length) statements.push(jointStatus('joint_confirmed', 'confirmed', actor, confirmed));
  for (const e of events) {
    if (e.action !== 'comment.create' && e.action !== 'comment.update') continue;
    const m = mentionOf(e);
    if (m) statements.push(commentMentions(actor, m));
  }
  return statements;
}

/** Writes the notifications the events call for; answers how many rows were added. */
export async function notifyFromEvents(tx: Tx, actor: Actor, events: readonly AuditInput[]): Promise<number> {
  let added = 0;
  for (const s of notificationStatements(actor, events)) added += (await tx.execute(s)).rowCount ?? 0;
  return added;
}
