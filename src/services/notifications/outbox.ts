/**
 * After a commit that wrote notifications, the e-mail delivery job is asked for. The jobs
 * runner of this process registers how (a debounced pg-boss job); without a runner (the CLI,
 * API tests) nothing happens here and the delivery schedule's sweep sends the mail later.
 */
import type { Db } from '../../db/client';

const triggers = new WeakMap<Db, () => void>();

/** Registers what `requestDelivery` does for this database; returns the unregistering function. */
export function onNotificationsWritten(db: Db, trigger: () => void): () => void {
  triggers.set(db, trigger);
  return () => {
    if (triggers.get(db) === trigger) triggers.delete(db);
  };
}

/** Asks for e-mail delivery soon; never throws, never waits. */
export function requestDelivery(db: Db): void {
  try {
    triggers.get(db)?.();
  } catch {
    /* the delivery sweep catches up */
  }
}
