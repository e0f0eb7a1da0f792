/** Shared UI building blocks used by every feature. */
export { DateInput, type DateInputProps } from './DateInput';
export { formatDateText, isIsoDate, parseDateText } from './dates';
export { explainError, fieldErrors, localizeIssue, localizeMessage } from './errors';
export { Flags } from './Flags';
export { type LengthHint, SEARCH_MAX, useLengthLimit } from './limits';
export { LocalizedText, localize, useLocalize } from './LocalizedText';
export { PageHeader } from './PageHeader';
export { Facts, Section } from './Section';
export { ProgressBar } from './ProgressBar';
export { EmptyState, ErrorAlert, LoadingState, QueryState } from './QueryState';
export { STATUS_COLORS, StatusBadge } from './StatusBadge';
export { type ListTotal, useTotalText } from './total';
export { UploadProgress } from './UploadProgress';
export { Pager } from './Pager';
