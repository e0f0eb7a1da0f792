/** Joint statuses: reconciliation from approved reports, confirmations, dissents, reading. */
export { confirmJointStatus, dissentJointStatus } from './confirm';
export { followJointStatus } from './follow';
export { findJointStatuses, getJointStatus, measureJointStatuses, responsibleParties } from './read';
export { type ReconcileTarget, reconcile } from './reconcile';
