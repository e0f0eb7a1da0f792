/**
 * The one error vocabulary of Accord. Services throw AppError; the HTTP layer maps `code` to
 * a status with HTTP_STATUS and renders `{ error: { code, message, details } }`; the CLI
 * prints the message and details and exits non-zero.
 */
import type { ErrorCode } from '../contracts/enums';

export interface ErrorDetail {
  /** The field, dotted (`responsible.0.organisationId`), or '' for the whole request. */
  path: string;
  message: string;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  rule_violation: 422,
  rate_limited: 429,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** 404 for what is absent, and for what the actor may not know exists. */
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
/** 422: a domain rule refused the change; `path` names the field. */
export const ruleViolation = (path: string, message: string) =>
  new AppError('rule_violation', `${path ? `${path}: ` : ''}${message}`, [{ path, message }]);
export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path ? `${path}: ` : ''}${message}`, [{ path, message }]);
export const versionConflict = (what: string, current: number) =>
  new AppError(
    'version_conflict',
    `${what} was changed by someone else (now at version ${current}); reload it and apply your change again`,
    [{ path: 'version', message: `is stale; the current version is ${current}` }],
  );
