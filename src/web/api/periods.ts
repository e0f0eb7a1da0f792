/** Reporting periods of a roadmap: the list, generation, and close / lock / reopen. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Period } from '../../contracts';
import { api } from './client';

/** The query key of a roadmap's periods. */
export const periodKeys = { of: (roadmapId: string | undefined) => ['periods', roadmapId] as const };

/** GET /roadmaps/:id/periods, in date order. */
export function usePeriods(roadmapId: string | undefined) {
  return useQuery({
    queryKey: periodKeys.of(roadmapId),
    queryFn: ({ signal }) =>
      api.get<{ data: Period[] }>(`/roadmaps/${roadmapId}/periods`, { signal }).then((r) => r.data),
    enabled: !!roadmapId,
  });
}

/** POST /roadmaps/:id/periods/generate: adds the missing calendar periods (idempotent). */
export function useGeneratePeriods(roadmapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{ created: number; data: Period[] }>(`/roadmaps/${roadmapId}/periods/generate`, {}),
    onSuccess: (res) => qc.setQueryData(periodKeys.of(roadmapId), res.data),
  });
}

/** What a person may do to a period. */
export type PeriodAction = 'close' | 'lock' | 'reopen';

/** POST /periods/:id/{close,lock,reopen} with the version read (and the reason to reopen). */
export function usePeriodAction(roadmapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { period: Period; action: PeriodAction; reason?: string }) =>
      api.post<Period>(`/periods/${v.period.id}/${v.action}`, {
        version: v.period.version,
        ...(v.reason === undefined ? {} : { reason: v.reason }),
      }),
    onSuccess: (saved) =>
      qc.setQueryData<Period[]>(periodKeys.of(roadmapId), (list) =>
        list?.map((p) => (p.id === saved.id ? saved : p)),
      ),
    // a stale version means someone else moved it: show the current states
    onError: () => qc.invalidateQueries({ queryKey: periodKeys.of(roadmapId) }),
  });
}
