/**
 * Who may be told about what: the SQL forms of domain `canReadMeasure` and `canReadReport`
 * (src/domain/policies.ts, src/domain/report-visibility.ts) evaluated per candidate user row,
 * so one query checks every recipient at once. recipients.test.ts holds them equal to the
 * domain rules. Nobody is told about what they may not see.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { NotificationKind } from '../../contracts/notifications';

const raw = (s: string) => sql.raw(s);

/** The party whose internal data user `u` reads (admins: any), as in `internalScope`. */
const hasParty = (u: string) =>
  sql`(${raw(u)}.role in ('coordinator', 'reporter') and ${raw(u)}.party_id is not null)`;

/** May user `u` read measure `m`? (aliases of users and measures) */
export function userReadsMeasure(u: string, m: string): SQL {
  return sql`(${raw(m)}.tier <> 'internal' or ${raw(u)}.role = 'admin' or (${hasParty(u)} and ${raw(m)}.owner_party_id = ${raw(u)}.party_id))`;
}

/** May user `u` read report `r` of measure `m`? */
export function userReadsReport(u: string, r: string, m: string): SQL {
  return sql`(${userReadsMeasure(u, m)} and (${raw(u)}.role = 'admin' or ${raw(r)}.state = 'approved' or (${hasParty(u)} and ${raw(r)}.party_id = ${raw(u)}.party_id)))`;
}

/**
 * The rows a kind's candidates query yields: recipient_id, entity_type, entity_id, link,
 * params, dedupe_key. `insertNotifications` adds the recipient's preference for the kind (off:
 * nothing; e-mail at once, in the digest or not) and skips what was already notified.
 */
export function insertNotifications(kind: NotificationKind, candidates: SQL): SQL {
  return sql`
    insert into notifications (recipient_id, kind, entity_type, entity_id, link, params, dedupe_key, email_state)
    select c.recipient_id, ${kind}::notification_kind, c.entity_type, c.entity_id, c.link, c.params, c.dedupe_key,
           (case coalesce(np.email, 'immediate') when 'immediate' then 'pending' when 'digest' then 'digest' else 'skipped' end)::email_state
    from (${candidates}) c
    left join notification_preferences np on np.user_id = c.recipient_id and np.kind = ${kind}::notification_kind
    where coalesce(np.enabled, true)
    on conflict (dedupe_key) do nothing`;
}
