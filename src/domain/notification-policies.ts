/** Who may do what with notifications and background jobs (pure; table-tested). */
import { type Actor, isAdmin } from './policies';

/** The jobs queue and its failures: the joint secretariat only (job data names people and measures). */
export const canReadJobs = (a: Actor) => isAdmin(a);

/** A notification is its recipient's alone: others get 404, as if it did not exist. */
export const ownsNotification = (a: Actor, n: { recipientId: string }) => n.recipientId === a.userId;
