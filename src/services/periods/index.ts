/**
 * Reporting periods of a roadmap (issue 8 §1). The rules are pure in src/domain/periods.ts.
 *
 *   read        the list and the contract form
 *   create      calendar generation (approval, on demand) and one named period
 *   transition  close, lock, reopen: the one path every move takes
 *   schedule    the clock: close after the due date, lock after LOCK_AFTER_DAYS
 */
export { addMissingPeriods, createPeriod, followDueDays, generatePeriods } from './create';
export { listPeriods, presentPeriod } from './read';
export { applyPeriodSchedule } from './schedule';
export { transitionPeriod } from './transition';
