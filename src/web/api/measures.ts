/**
 * Measures: queries, and the writes (PATCH, bulk) with their cache updates. A write's answer
 * is the measure as the server now holds it, so it is written into the cache — the measure's
 * own entry and every cached list it appears in — instead of being fetched again; only what
 * depends on it in ways the answer cannot tell (summaries, filtered lists, history, parents'
 * roll-ups) is invalidated.
 */
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Measure } from '../../contracts';
import { api, fetchAll, type Page, type QueryParams } from './client';
import { meetingKeys } from './meetings';
import { summaryKey } from './roadmaps';

/** Query keys of measures: one prefix for lists, one for single measures. */
export const measureKeys = {
  lists: ['measures'] as const,
  all: (roadmapId: string | undefined) => ['measures', 'all', roadmapId] as const,
  one: (id: string | undefined) => ['measure', id] as const,
  history: (id: string | undefined) => ['measure', id, 'history'] as const,
};

/** The query of every measure of a roadmap, shared with pages that read several roadmaps. */
export const roadmapMeasuresQuery = (roadmapId: string | undefined) => ({
  queryKey: measureKeys.all(roadmapId),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    fetchAll<Measure>('/measures', { roadmapId, sort: 'code' }, signal),
  enabled: !!roadmapId,
  staleTime: 30_000,
});

/** Every measure of a roadmap the caller may see (the tree is built on the client). */
export function useRoadmapMeasures(roadmapId: string | undefined) {
  return useQuery(roadmapMeasuresQuery(roadmapId));
}

/** The ids of the measures matching a server-side filter (all pages). */
export function useFilteredMeasureIds(roadmapId: string | undefined, filter: QueryParams | null) {
  return useQuery({
    queryKey: ['measures', 'filtered', roadmapId, filter],
    queryFn: async ({ signal }) =>
      new Set((await fetchAll<Measure>('/measures', { roadmapId, ...filter }, signal)).map((m) => m.id)),
    enabled: !!roadmapId && !!filter,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One page of measures with a filter (dashboard lists). */
export function useMeasureList(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['measures', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Measure>>('/measures', { query, signal }),
    enabled,
  });
}

/** GET /measures/:id. */
export function useMeasure(id: string | undefined) {
  return useQuery({
    queryKey: measureKeys.one(id),
    queryFn: ({ signal }) => api.get<Measure>(`/measures/${id}`, { signal }),
    enabled: !!id,
  });
}

/** The children of a measure, in code order. */
export function useMeasureChildren(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['measures', 'children', id],
    queryFn: ({ signal }) => fetchAll<Measure>('/measures', { parentId: id, sort: 'code' }, signal),
    enabled: !!id && enabled,
  });
}

/** Several measures by id (dependencies, the parent); null where one is not available. */
export function useMeasuresByIds(ids: string[]) {
  return useQuery({
    queryKey: ['measures', 'byIds', [...ids].sort()],
    queryFn: async ({ signal }) =>
      Promise.all(
        ids.map((id) => api.get<Measure>(`/measures/${id}`, { signal }).catch(() => null as Measure | null)),
      ),
    enabled: ids.length > 0,
  });
}

/** Replaces the measures in a cached value of any list shape (array, page); other values pass. */
function patchList(value: unknown, byId: ReadonlyMap<string, Measure>): unknown {
  const swap = (list: readonly (Measure | null)[]) => {
    let changed = false;
    const next = list.map((m) => {
      const fresh = m && byId.get(m.id);
      if (!fresh) return m;
      changed = true;
      return fresh;
    });
    return changed ? next : list;
  };
  if (Array.isArray(value)) return swap(value);
  if (value && typeof value === 'object' && Array.isArray((value as Page<Measure>).data)) {
    const page = value as Page<Measure>;
    const data = swap(page.data);
    return data === page.data ? page : { ...page, data };
  }
  return value;
}

/**
 * Writes measures the server has just answered into the cache, and marks stale what they do
 * not tell: summaries, filtered lists (membership may have changed), the histories and, when
 * `rollUp` says a parent's status or progress may have moved, the lists and the other single
 * measures (the ancestors). The written measures themselves are never fetched again.
 */
export function storeMeasures(qc: QueryClient, saved: readonly Measure[], rollUp: boolean): void {
  const byId = new Map(saved.map((m) => [m.id, m]));
  for (const m of saved) qc.setQueryData(measureKeys.one(m.id), m);
  for (const [key, value] of qc.getQueriesData({ queryKey: measureKeys.lists })) {
    const next = patchList(value, byId);
    if (next !== value) qc.setQueryData(key, next);
  }
  qc.invalidateQueries({ queryKey: summaryKey });
  qc.invalidateQueries({ queryKey: ['measures', 'filtered'] });
  qc.invalidateQueries({ queryKey: ['measures', 'list'] });
  for (const m of saved) qc.invalidateQueries({ queryKey: measureKeys.history(m.id) });
  if (!rollUp) return;
  qc.invalidateQueries({
    predicate: (q) => {
      const [head, second, third] = q.queryKey;
      if (head === 'measures') return second !== 'filtered' && second !== 'list';
      // single measures other than the written ones: their roll-ups may have moved
      return (
        head === 'measure' && q.queryKey.length === 2 && !byId.has(String(second)) && third === undefined
      );
    },
  });
}

/** Fields whose change moves a parent's rolled-up status, progress or dates. */
const ROLL_UP_FIELDS = ['status', 'progress', 'weight', 'startDate', 'dueDate', 'tier', 'ownerPartyId'];
const movesRollUp = (m: Measure, body: Record<string, unknown>) =>
  !!m.parentId && ROLL_UP_FIELDS.some((f) => f in body);

/**
 * PATCH /measures/:id with the fields that changed; the answer goes into the cache, then
 * `onSaved` runs (in the same tick, before a re-render can unmount the caller).
 */
export function useUpdateMeasure(id: string, onSaved?: (saved: Measure) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Measure>(`/measures/${id}`, body),
    onSuccess: (saved, body) => {
      storeMeasures(qc, [saved], movesRollUp(saved, body));
      decisionsChanged(qc, body.decisionId);
      onSaved?.(saved);
    },
  });
}

/**
 * A write citing a decision links it to the measure: the measure's decisions and the meetings
 * (which list each decision's measures) are read again.
 */
export function decisionsChanged(qc: QueryClient, decisionId: unknown) {
  if (!decisionId) return;
  for (const key of [meetingKeys.ofMeasure(undefined), meetingKeys.list(), meetingKeys.one(undefined)])
    void qc.invalidateQueries({ queryKey: key.slice(0, 1) });
}

/** What POST /measures/bulk answers. */
export interface BulkResult {
  updated: number;
  data: Measure[];
}

/**
 * POST /measures/bulk, all or nothing. `items` (the measures sent, in order) travels with
 * the request so that a refusal's `items.N` can be mapped back to codes.
 */
export function useBulkUpdateMeasures() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: {
      body: { items: { id: string; version: number }[]; set: Record<string, unknown> };
      items: Measure[];
    }) => api.post<BulkResult>('/measures/bulk', vars.body),
    onSuccess: (res, vars) => {
      storeMeasures(
        qc,
        res.data ?? [],
        (res.data ?? []).some((m) => movesRollUp(m, vars.body.set)),
      );
      decisionsChanged(qc, (vars.body as { decisionId?: string }).decisionId);
    },
  });
}

// ---------- structure: create, move, delete (the workbench) ----------

/**
 * After a change of the tree (a new, moved or deleted measure, whose subtree may have been
 * renumbered) the roadmap's lists are read again: the answer holds one measure, the codes of
 * its former and new siblings' subtrees are not in it.
 */
function treeChanged(qc: QueryClient, saved: Measure | null, touched: (string | null)[]) {
  if (saved) qc.setQueryData(measureKeys.one(saved.id), saved);
  void qc.invalidateQueries({ queryKey: measureKeys.lists });
  void qc.invalidateQueries({ queryKey: summaryKey });
  void qc.invalidateQueries({ queryKey: ['roadmaps'] });
  for (const id of touched) if (id) void qc.invalidateQueries({ queryKey: measureKeys.one(id), exact: true });
}

/** POST /measures (the body as MeasureCreate; `code` omitted: the API proposes the next free one). */
export function useCreateMeasure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Measure>('/measures', body),
    onSuccess: (saved, body) => {
      treeChanged(qc, saved, [saved.parentId]);
      decisionsChanged(qc, body.decisionId);
    },
  });
}

/** POST /measures/:id/move under another parent (null: top level); the answer shows the new code. */
export function useMoveMeasure(m: Measure) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId: string | null; code?: string; reason?: string }) =>
      api.post<Measure>(`/measures/${m.id}/move`, { version: m.version, ...body }),
    onSuccess: (saved) => treeChanged(qc, saved, [m.parentId, saved.parentId]),
  });
}

/**
 * DELETE /measures/:id with the version read (and, in an approved roadmap, the reason and the
 * decision it follows, if any).
 */
export function useDeleteMeasure(m: Measure) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (why: { reason?: string; decisionId?: string }) =>
      api.delete(`/measures/${m.id}`, { query: { version: m.version, ...why } }),
    onSuccess: (_r, why) => {
      qc.removeQueries({ queryKey: measureKeys.one(m.id), exact: true });
      treeChanged(qc, null, [m.parentId]);
      decisionsChanged(qc, why.decisionId);
    },
  });
}
