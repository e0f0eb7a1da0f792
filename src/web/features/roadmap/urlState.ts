/**
 * The roadmap view lives in the URL (`/roadmap?roadmap=…&status=in_progress&leaf=1&q=…`) so that a
 * view can be shared as a link and a reload restores it. This module is the one place that
 * knows the parameter names; the dashboard may build links with `roadmapHref`.
 */
import { MEASURE_SORTS, MEASURE_STATUSES, type MeasureStatus } from '../../../contracts';
import type { QueryParams } from '../../api/client';

export type MeasureSort = (typeof MEASURE_SORTS)[number];

/** Everything that defines what the roadmap table shows. */
export interface RoadmapView {
  roadmap: string | null;
  sphere: string | null;
  party: string | null;
  org: string | null;
  status: MeasureStatus[];
  overdue: boolean;
  atRisk: boolean;
  /** A report of the latest past-due period missing or handed in late. */
  lateReport: boolean;
  /** Only measures without children: the units of work the dashboard counts. */
  leaf: boolean;
  dueFrom: string | null;
  dueTo: string | null;
  q: string;
  sort: MeasureSort;
  /** `tree` keeps the hierarchy; `flat` lists matching measures alone, ordered by `sort`. */
  view: 'tree' | 'flat';
}

export const DEFAULT_VIEW: RoadmapView = {
  roadmap: null,
  sphere: null,
  party: null,
  org: null,
  status: [],
  overdue: false,
  atRisk: false,
  lateReport: false,
  leaf: false,
  dueFrom: null,
  dueTo: null,
  q: '',
  sort: 'code',
  view: 'tree',
};

/** Every filter cleared; the roadmap, the order and the kind of view stay as chosen. */
export const NO_FILTERS: Partial<RoadmapView> = (() => {
  const { roadmap: _roadmap, sort: _sort, view: _view, ...filters } = DEFAULT_VIEW;
  return filters;
})();

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
const isUuidLike = (s: string | null): s is string => !!s && /^[0-9a-f-]{36}$/i.test(s);
const truthy = (s: string | null) => s === '1' || s === 'true';

/** Reads a view from search params; anything malformed is ignored rather than sent to the API. */
export function parseView(sp: URLSearchParams): RoadmapView {
  const sort = sp.get('sort');
  const statuses = (sp.get('status') ?? '')
    .split(',')
    .filter((s): s is MeasureStatus => (MEASURE_STATUSES as readonly string[]).includes(s));
  return {
    roadmap: isUuidLike(sp.get('roadmap')) ? sp.get('roadmap') : null,
    sphere: isUuidLike(sp.get('sphere')) ? sp.get('sphere') : null,
    party: isUuidLike(sp.get('party')) ? sp.get('party') : null,
    org: isUuidLike(sp.get('org')) ? sp.get('org') : null,
    status: [...new Set(statuses)],
    overdue: truthy(sp.get('overdue')),
    atRisk: truthy(sp.get('atRisk')),
    lateReport: truthy(sp.get('lateReport')),
    leaf: truthy(sp.get('leaf')),
    dueFrom: isDate(sp.get('dueFrom')) ? sp.get('dueFrom') : null,
    dueTo: isDate(sp.get('dueTo')) ? sp.get('dueTo') : null,
    q: (sp.get('q') ?? '').slice(0, 200),
    sort: (MEASURE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as MeasureSort) : 'code',
    view: sp.get('view') === 'flat' ? 'flat' : 'tree',
  };
}

/** Writes a view to search params, leaving defaults out so links stay short. */
export function viewToSearch(v: RoadmapView): URLSearchParams {
  const sp = new URLSearchParams();
  if (v.roadmap) sp.set('roadmap', v.roadmap);
  if (v.sphere) sp.set('sphere', v.sphere);
  if (v.party) sp.set('party', v.party);
  if (v.org) sp.set('org', v.org);
  if (v.status.length) sp.set('status', v.status.join(','));
  if (v.overdue) sp.set('overdue', '1');
  if (v.atRisk) sp.set('atRisk', '1');
  if (v.lateReport) sp.set('lateReport', '1');
  if (v.leaf) sp.set('leaf', '1');
  if (v.dueFrom) sp.set('dueFrom', v.dueFrom);
  if (v.dueTo) sp.set('dueTo', v.dueTo);
  if (v.q.trim()) sp.set('q', v.q.trim());
  if (v.sort !== 'code') sp.set('sort', v.sort);
  if (v.view !== 'tree') sp.set('view', v.view);
  return sp;
}

/** A link to the roadmap page showing the given view (for the dashboard and other pages). */
export function roadmapHref(v: Partial<RoadmapView>): string {
  const s = viewToSearch({ ...DEFAULT_VIEW, ...v }).toString();
  return s ? `/roadmap?${s}` : '/roadmap';
}

/** Whether any filter (not sorting, not the view mode) narrows the list. */
export function hasFilters(v: RoadmapView): boolean {
  return !!(
    v.sphere ||
    v.party ||
    v.org ||
    v.status.length ||
    v.overdue ||
    v.atRisk ||
    v.lateReport ||
    v.leaf ||
    v.dueFrom ||
    v.dueTo ||
    v.q.trim()
  );
}

/** The GET /measures query of the filters, or null when nothing is filtered. */
export function viewToApiFilter(v: RoadmapView): QueryParams | null {
  if (!hasFilters(v)) return null;
  return {
    sphereId: v.sphere,
    partyId: v.party,
    organisationId: v.org,
    status: v.status,
    overdue: v.overdue ? 'true' : undefined,
    atRisk: v.atRisk ? 'true' : undefined,
    lateReport: v.lateReport ? 'true' : undefined,
    leaf: v.leaf ? 'true' : undefined,
    dueFrom: v.dueFrom,
    dueTo: v.dueTo,
    q: v.q.trim() || undefined,
    sort: v.sort,
  };
}
