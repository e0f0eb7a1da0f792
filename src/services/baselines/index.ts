/** Baselines of a roadmap's plan and what changed between two of its states (issue 9 §3). */
export { baselineDates } from './dates';
export { roadmapDiff } from './diff';
export { APPROVED_PLAN, createBaseline, freezeBaseline, hasBaseline } from './freeze';
export { planAtEndOf } from './plan-at';
export { listBaselines } from './read';
