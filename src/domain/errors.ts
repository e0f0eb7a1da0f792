/**
 * The one error vocabulary of Accord. Services throw AppError with a catalogue message (a key
 * and its figures); the HTTP layer maps `code` to a status with HTTP_STATUS and renders
 * `{ error: { code, message, details } }` in the caller's language; the CLI prints the
 * English text and exits non-zero.
 */
import type { ErrorCode } from '../contracts/enums';
import {
  isMessageKey,
  type Message,
  type MessageKey,
  type MessageParams,
  msg,
  render,
} from '../contracts/messages';

export interface ErrorDetail {
  /** The field, dotted (`responsible.0.organisationId`), or '' for the whole request. */
  path: string;
  /** The rule in English (for logs and the CLI); the API renders `rule` in the caller's language. */
  message: string;
  /** The catalogue key of the rule; absent in details written before the catalogue. */
  rule?: MessageKey;
  params?: MessageParams;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rule_violation: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
};

/** English, for the log, the CLI and `Error.message`. */
export const english = (m: Message) => render('en', m);

/** A detail naming a field and the rule it broke: `detail('dueDate', 'date.beforeStart')`. */
export function detail(path: string, rule: MessageKey | Message, params?: MessageParams): ErrorDetail {
  const m = typeof rule === 'string' ? msg(rule, params) : rule;
  return m.params
    ? { path, message: english(m), rule: m.key, params: m.params }
    : { path, message: english(m), rule: m.key };
}

export class AppError extends Error {
  /** The message as a catalogue entry; null for an English text written before the catalogue. */
  readonly text: Message | null;

  /**
   * `message` is a catalogue message (`msg('measure.hasChildren')`); a plain string is
   * still accepted from code written before the catalogue and is translated when it matches
   * a template.
   */
  constructor(
    readonly code: ErrorCode,
    message: Message | string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof message === 'string' ? message : english(message));
    this.name = 'AppError';
    this.text = typeof message === 'string' ? null : message;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** An error whose message names its first detail (`items.1.code: …`), as every field error reads. */
export function fieldError(code: ErrorCode, details: ErrorDetail[]): AppError {
  const first = details[0];
  const problem = first.rule ? msg(first.rule, first.params) : null;
  if (!first.path) return new AppError(code, problem ?? first.message, details);
  return new AppError(
    code,
    problem ? msg('error.field', { path: first.path, problem }) : `${first.path}: ${first.message}`,
    details,
  );
}

/** The kinds of record an error can name. */
export const ENTITIES = {
  measure: 'Measure',
  user: 'User',
  party: 'Party',
  sphere: 'Sphere',
  organisation: 'Organisation',
  agreement: 'Agreement',
  provision: 'Provision',
  roadmap: 'Roadmap',
  period: 'Reporting period',
  comment: 'Comment',
  report: 'Report',
  evidence: 'Evidence file',
  apiToken: 'API token',
  agreementDocument: 'Document',
  jointStatus: 'Joint status',
  indicator: 'Indicator',
  baseline: 'Baseline',
  meeting: 'Commission meeting',
  changeRequest: 'Change request',
  protocol: 'Protocol',
  record: 'Record',
} as const;
export type Entity = keyof typeof ENTITIES;
/** The English names older call sites pass (`notFound('Measure')`). */
export type EntityName = (typeof ENTITIES)[Entity];

const BY_NAME = new Map(Object.entries(ENTITIES).map(([k, v]) => [v as string, k as Entity]));
/** The entity of a key or an English name; unknown names count as a record. */
export const entityOf = (what: Entity | EntityName | string): Entity =>
  (what in ENTITIES ? what : (BY_NAME.get(what) ?? 'record')) as Entity;

/** 404 for what is absent, and for what the actor may not know exists. */
export const notFound = (what: Entity | EntityName) =>
  new AppError('not_found', msg(`notFound.${entityOf(what)}` as MessageKey));

/** 403; the reason is a catalogue key (`forbidden('forbidden.users')`). */
export function forbidden(why?: MessageKey | Message): AppError;
/** @deprecated an English reason; pass a catalogue key. */
export function forbidden(why: string): AppError;
export function forbidden(why: MessageKey | Message | string = 'forbidden.default'): AppError {
  return new AppError('forbidden', typeof why === 'string' && !isMessageKey(why) ? why : asMessage(why));
}

const asMessage = (m: MessageKey | Message, params?: MessageParams): Message =>
  typeof m === 'string' ? msg(m, params) : m;

/** 422: a domain rule refused the change; `path` names the field (`ruleViolation('dueDate', 'date.beforeStart')`). */
export function ruleViolation(path: string, rule: MessageKey | Message, params?: MessageParams): AppError;
/** @deprecated an English rule; pass a catalogue key. */
export function ruleViolation(path: string, message: string): AppError;
export function ruleViolation(path: string, rule: MessageKey | Message | string, params?: MessageParams) {
  return problemAt('rule_violation', path, rule, params);
}

/** 400 naming a field and its rule. */
export function invalid(path: string, rule: MessageKey | Message, params?: MessageParams): AppError;
/** @deprecated an English rule; pass a catalogue key. */
export function invalid(path: string, message: string): AppError;
export function invalid(path: string, rule: MessageKey | Message | string, params?: MessageParams) {
  return problemAt('validation_failed', path, rule, params);
}

function problemAt(
  code: ErrorCode,
  path: string,
  rule: MessageKey | Message | string,
  params?: MessageParams,
) {
  if (typeof rule === 'string' && !isMessageKey(rule)) {
    return new AppError(code, `${path ? `${path}: ` : ''}${rule}`, [{ path, message: rule }]);
  }
  const d = detail(path, asMessage(rule as MessageKey | Message, params));
  return fieldError(code, [d]);
}

/** 409: the row changed since the caller read it; `label` names which one (`Measure 1.2`). */
export const versionConflict = (what: Entity | EntityName, current: number, label?: string) =>
  new AppError(
    'version_conflict',
    label
      ? msg('conflict.versionOf', { what: msg(`entity.${entityOf(what)}` as MessageKey), label, current })
      : msg('conflict.version', { what: msg(`entity.${entityOf(what)}` as MessageKey), current }),
    [detail('version', 'version.stale', { current })],
  );
