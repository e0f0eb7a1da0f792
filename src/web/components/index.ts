/** Shared UI building blocks used by every feature. */
export { explainError, fieldErrors, localizeIssue, localizeMessage } from './errors';
export { Flags } from './Flags';
export { LocalizedText, localize, useLocalize } from './LocalizedText';
export { PageHeader } from './PageHeader';
export { ProgressBar } from './ProgressBar';
export { EmptyState, ErrorAlert, LoadingState, QueryState } from './QueryState';
export { STATUS_COLORS, StatusBadge } from './StatusBadge';
