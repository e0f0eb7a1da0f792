/** Deadline calendars: the secret feed URL of a user and the iCalendar feeds themselves. */
export { calendarFeed, FEED_LIMIT, type FeedOf } from './feed';
export {
  actorBySecret,
  calendarState,
  feedUrl,
  revokeCalendar,
  rotateCalendar,
  SECRET_PATTERN,
} from './secret';
