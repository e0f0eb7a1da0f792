/** Baselines of a roadmap and the plan diff ("what changed"). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Baseline, BaselineDates, I18nText, PlanDiff } from '../../contracts';
import { api, type QueryParams } from './client';

export const baselineKeys = {
  of: (roadmapId: string | undefined) => ['baselines', roadmapId] as const,
  diff: (roadmapId: string | undefined, q: QueryParams) => ['diff', roadmapId, q] as const,
  dates: (roadmapId: string | undefined, baselineId: string | null) =>
    ['baselines', roadmapId, baselineId, 'dates'] as const,
};

/** GET /roadmaps/:id/baselines, newest first. */
export function useBaselines(roadmapId: string | undefined) {
  return useQuery({
    queryKey: baselineKeys.of(roadmapId),
    queryFn: ({ signal }) =>
      api.get<{ data: Baseline[] }>(`/roadmaps/${roadmapId}/baselines`, { signal }).then((r) => r.data),
    enabled: !!roadmapId,
  });
}

/** POST /roadmaps/:id/baselines (admin): the new baseline goes first in the cached list. */
export function useFreezeBaseline(roadmapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: I18nText) => api.post<Baseline>(`/roadmaps/${roadmapId}/baselines`, { name }),
    onSuccess: (b) => qc.setQueryData<Baseline[]>(baselineKeys.of(roadmapId), (list) => [b, ...(list ?? [])]),
  });
}

/** GET /roadmaps/:id/diff with from/to (baseline ids, dates or now) and filters. */
export function useDiff(roadmapId: string | undefined, q: QueryParams, enabled = true) {
  return useQuery({
    queryKey: baselineKeys.diff(roadmapId, q),
    queryFn: ({ signal }) => api.get<PlanDiff>(`/roadmaps/${roadmapId}/diff`, { query: q, signal }),
    enabled: !!roadmapId && enabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * GET /roadmaps/:id/baselines/:baselineId/dates: each visible measure's dates in a baseline
 * (frozen, so read once; the timeline's baseline bars).
 */
export function useBaselineDatesQuery(roadmapId: string | undefined, baselineId: string | null) {
  return useQuery({
    queryKey: baselineKeys.dates(roadmapId, baselineId),
    queryFn: ({ signal }) =>
      api.get<BaselineDates>(`/roadmaps/${roadmapId}/baselines/${baselineId}/dates`, { signal }),
    enabled: !!roadmapId && !!baselineId,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
