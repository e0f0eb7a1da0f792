/**
 * Constraint violations that slipped past the services' own checks (races, deletes of rows
 * still in use) become 409/422 answers that name the field, never a 500.
 */
import { isMessageKey, type MessageKey, msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';

interface PgErrorLike {
  code: string;
  detail?: string;
  table?: string;
  constraint?: string;
}

/** The PostgreSQL error inside a (Drizzle-wrapped) error, if any. */
function pgErrorOf(e: unknown): PgErrorLike | null {
  for (
    let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0;
    cur && i < 5;
    cur = cur.cause as never, i++
  ) {
    if (typeof cur.code === 'string' && /^[0-9A-Z]{5}$/.test(cur.code)) return cur as PgErrorLike;
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A table named in words of the catalogue (`measure_responsibles` → «ответственные за мероприятия»). */
const tableName = (table: string | undefined) => {
  const key = `table.${table}`;
  return msg(isMessageKey(key) ? (key as MessageKey) : 'table.other');
};

/** The AppError for a PostgreSQL constraint violation, or null for any other error. */
export function appErrorFromPg(e: unknown): AppError | null {
  const pg = pgErrorOf(e);
  if (!pg) return null;
  // A composite key names its scope first and the field that clashed last: (roadmap_id, code).
  const column = /Key \(([^)]+)\)/
    .exec(pg.detail ?? '')?.[1]
    ?.split(',')
    .pop()
    ?.trim();
  const field = column ? camel(column.replace(/^lower\((.*)\)$/, '$1')) : '';
  switch (pg.code) {
    case '23505':
      return new AppError('conflict', field ? msg('db.unique', { field }) : msg('db.uniqueRecord'), [
        detail(field, 'value.taken'),
      ]);
    case '23503':
      if (/is still referenced/.test(pg.detail ?? '')) {
        const table = tableName(/from table "([^"]+)"/.exec(pg.detail ?? '')?.[1]);
        return new AppError('conflict', msg('db.stillUsed', { table }), [
          detail('', 'db.stillUsedBy', { table }),
        ]);
      }
      return field
        ? new AppError('rule_violation', msg('error.field', { path: field, problem: msg('db.noRecord') }), [
            detail(field, 'db.noRecord'),
          ])
        : new AppError('rule_violation', msg('db.noReference'), [detail('', 'db.noRecord')]);
    case '23514': {
      const constraint = pg.constraint ?? 'check';
      return new AppError('rule_violation', msg('db.check', { constraint }), [
        detail('', 'db.checkFailed', { constraint }),
      ]);
    }
    case '22001':
      return new AppError('validation_failed', msg('db.tooLong'), [detail(field, 'string.tooLongStored')]);
    case '40001':
    case '40P01':
      return new AppError('conflict', msg('db.retry'), [detail('', 'request.retry')]);
    default:
      return null;
  }
}
