/** Roadmaps: the list, the default one, a roadmap's summary, the roadmaps of an agreement. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Roadmap, RoadmapSummary } from '../../contracts';
import { api, fetchAll } from './client';

/** Every roadmap the caller may see. */
export function useRoadmaps() {
  return useQuery({
    queryKey: ['roadmaps'],
    queryFn: ({ signal }) => fetchAll<Roadmap>('/roadmaps', {}, signal),
    staleTime: 60_000,
  });
}

/** The default roadmap: the most recent approved one, else the most recent of any status. */
export function pickDefaultRoadmap(roadmaps: Roadmap[]): Roadmap | undefined {
  const byRecent = [...roadmaps].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  return (
    byRecent.find((r) => r.status === 'approved') ??
    byRecent.find((r) => r.status !== 'archived') ??
    byRecent[0]
  );
}

/** The query key prefix of every summary: a measure write makes them all stale. */
export const summaryKey = ['summary'] as const;

/** GET /roadmaps/:id/summary. */
export function useRoadmapSummary(roadmapId: string | undefined) {
  return useQuery({
    queryKey: [...summaryKey, roadmapId],
    queryFn: ({ signal }) => api.get<RoadmapSummary>(`/roadmaps/${roadmapId}/summary`, { signal }),
    enabled: !!roadmapId,
  });
}

/** Roadmaps that implement an agreement. */
export function useRoadmapsOfAgreement(agreementId: string | undefined) {
  return useQuery({
    queryKey: ['roadmaps', 'ofAgreement', agreementId],
    queryFn: ({ signal }) => fetchAll<Roadmap>('/roadmaps', { agreementId }, signal),
    enabled: !!agreementId,
  });
}

/** The fields of a roadmap the secretariat writes. */
export type RoadmapInput = Pick<
  Roadmap,
  'title' | 'description' | 'agreementIds' | 'reportingFrequency' | 'reportDueDays'
> & { status?: Roadmap['status'] };

/**
 * POST /roadmaps or PATCH /roadmaps/:id (also the status change). The answer replaces the
 * roadmap in the cached lists; approval creates periods, so those are read again.
 */
export function useSaveRoadmap(editing: Roadmap | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<RoadmapInput>) =>
      editing
        ? api.patch<Roadmap>(`/roadmaps/${editing.id}`, { version: editing.version, ...input })
        : api.post<Roadmap>('/roadmaps', input),
    onSuccess: (saved) => {
      qc.setQueryData<Roadmap[]>(['roadmaps'], (list) =>
        list ? [...list.filter((r) => r.id !== saved.id), saved] : list,
      );
      void qc.invalidateQueries({ queryKey: ['roadmaps', 'ofAgreement'] });
      if (editing && editing.status !== saved.status) void qc.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
