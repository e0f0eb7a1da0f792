/**
 * A typed fetch client for the Accord API (`/api/v1`), same-origin and cookie-authenticated.
 * Every request says the UI language in Accept-Language, so that even before sign-in the
 * server's messages come in the language on screen.
 */
import { currentLocale } from '../i18n';

export const API_BASE = '/api/v1';

export interface ApiErrorDetail {
  path: string;
  /** The rule in words, in the language of the request (the server renders it). */
  message: string;
  /** The rule's catalogue key (`string.tooLong`), to branch on. */
  rule?: string;
}

/** Every failed API call throws this: the server's code, its message in words, and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly requestId?: string;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

/** A network failure (server down, offline): no HTTP answer at all. */
export const NETWORK_ERROR = 'network_error';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=x,y` from an object, dropping empty values. */
export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 414:
      return 'uri_too_long';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'rule_violation';
    case 429:
      return 'rate_limited';
    case 431:
      return 'headers_too_large';
    default:
      return 'internal';
  }
}

/** Turns any error body into an ApiError; never shows raw HTML or a stack to the user. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const err = (body as { error?: unknown } | null)?.error;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
    const details = Array.isArray(e.details)
      ? e.details
          .filter((d): d is ApiErrorDetail => !!d && typeof d === 'object')
          .map((d) => ({
            path: String(d.path ?? ''),
            message: String(d.message ?? ''),
            ...(typeof d.rule === 'string' ? { rule: d.rule } : {}),
          }))
      : [];
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : statusCode(res.status),
      typeof e.message === 'string' && e.message ? e.message : res.statusText || `HTTP ${res.status}`,
      details,
      typeof e.requestId === 'string' ? e.requestId : undefined,
    );
  }
  return new ApiError(res.status, statusCode(res.status), res.statusText || `HTTP ${res.status}`);
}

type Listener = (err: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when any request answers 401 (the session expired): the app sends the user to sign-in. */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not notify the 401 listeners (the session probe and sign-in itself). */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  let body: string | FormData | undefined;
  // a form (a file upload) sets its own multipart content type with the boundary
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR, (e as Error)?.message || 'Network error');
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthenticatedListeners) fn(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/**
 * Sends a multipart form with XMLHttpRequest, whose upload progress fetch cannot tell:
 * `onProgress` hears the share sent so far (0–1); a refusal is an ApiError like any other.
 */
export function sendForm<T>(
  method: 'POST' | 'PUT',
  path: string,
  form: FormData,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${API_BASE}${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Network error'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          return resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          return reject(new ApiError(xhr.status, 'internal', `HTTP ${xhr.status}`));
        }
      }
      // the same reading of an error body as fetch's, so details and request ids survive
      void toApiError(new Response(xhr.responseText, { status: xhr.status })).then(reject);
    };
    xhr.send(form);
  });
}

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
  /** False when more match than the server counts (measure lists): `total` is then a floor. */
  totalIsExact?: boolean;
}

/**
 * Reads every page of a list (limit 500): the first page tells the total, the rest are
 * fetched in parallel; past a capped total, further pages are read until a short one.
 */
export async function fetchAll<T>(path: string, query: QueryParams = {}, signal?: AbortSignal): Promise<T[]> {
  const limit = 500;
  const first = await api.get<Page<T>>(path, { query: { ...query, page: 1, limit }, signal });
  const pages = Math.ceil(first.total / limit);
  if (pages <= 1) return first.data;
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, i) =>
      api.get<Page<T>>(path, { query: { ...query, page: i + 2, limit }, signal }),
    ),
  );
  const all = first.data.concat(...rest.map((p) => p.data));
  if (first.totalIsExact !== false) return all;
  for (let page = pages + 1; ; page++) {
    const next = await api.get<Page<T>>(path, { query: { ...query, page, limit }, signal });
    all.push(...next.data);
    if (next.data.length < limit) return all;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
