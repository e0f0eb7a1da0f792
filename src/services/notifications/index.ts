/**
 * Notifications (issue 8 §5): in the app and by e-mail.
 *
 *   fan-out      audit events → notification rows, in the writing transaction (mutate calls it)
 *   recipients   the SQL visibility of a measure and a report per candidate user
 *   reminders    the daily report reminders, set-based
 *   list, read   the user's list, unread count, marking read
 *   preferences  per kind on/off and e-mail mode
 *   outbox       the after-commit request for e-mail delivery (services/mail/deliver.ts)
 */
export { listNotifications, unreadCount } from './list';
export { getPreferences, putPreferences } from './preferences';
export { markAllRead, markRead } from './read';
export { sendReminders } from './reminders';
