/**
 * Measures: the items of a roadmap, a tree of any depth. Every read is filtered by the
 * actor's visibility in SQL (internal measures of another party never leave the database);
 * every write goes through `mutate` (one transaction, audited) and checks the policy.
 *
 * Parents are roll-ups: a measure with (counted) children gets its progress and status from
 * them (weighted by `weight`), recomputed up the ancestor chain on every change. A joint
 * parent does not count internal children, so one party's private plan never shows through.
 *
 *   queries      the SQL face of the rules (visibility, flags, counted children)
 *   present      rows → the contract, in the caller's view; the audit form
 *   read         find, get, history
 *   rules        the Visible brand, shape and reference checks
 *   tree         roll-ups, numbering, renumbering, search text, relations
 *   create / update (the one write path) / bulk / move / delete / retier
 *   write-batch  set-based writing for seeds and imports
 */
export { bulkUpdateMeasures } from './bulk';
export { createMeasure, insertMeasure } from './create';
export { deleteMeasure } from './delete';
export { moveMeasure } from './move';
export { auditForm, presentMeasure } from './present';
export {
  atRiskSql,
  countedChildrenJoin,
  countedChildrenSql,
  MEASURE_COLUMNS,
  type MeasureRow,
  measureVisibility,
  overdueSql,
  visibleAs,
} from './queries';
export { findMeasures, getMeasure, measureFilter, measureHistory, presentByIds } from './read';
export type { Visible } from './rules';
export { rollUpAncestors } from './tree';
export { applyUpdate, type UpdateOptions, updateMeasure, type WriteSource } from './update';
export { batchCreateEvents, type BatchMeasure, rollUpRoadmap, writeMeasureBatch } from './write-batch';
