/**
 * Progress reports (issue 8 §2). The rules are pure in src/domain/reports.ts; who may read a
 * report is src/domain/report-visibility.ts and its SQL mirror visibility.ts.
 *
 *   read          one SELECT for one report and lists; the contract form in the caller's view
 *   guard         the checks of every write, in one order (404, 403, locked, state, version)
 *   create        the draft of the caller's party
 *   update        the claim, narrative, links and indicator values of a draft or returned report
 *   transition    the one path of submit, approve, return, reopen (one file each)
 *   evidence      files: upload, download, delete
 *   list          GET /reports with filters
 *   assignments   what the caller must report on
 *   completeness  a period's reporting figures per party and organisation
 */
export { approveReport } from './approve';
export { listAssignments } from './assignments';
export { reportingCompleteness } from './completeness';
export { createReport } from './create';
export { deleteEvidence, downloadEvidence, setEvidenceDir, uploadEvidence } from './evidence';
export { listReports } from './list';
export { getReport } from './read';
export { reopenReport } from './reopen';
export { returnReport } from './return';
export { submitReport } from './submit';
export { updateReport } from './update';
