/** Joint statuses: the reconciliation list, one with both claims, a measure's per period; confirm and dissent. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JointState, JointStatus, JointStatusDetail } from '../../contracts';
import { api } from './client';
import { summaryKey } from './roadmaps';

/** Query keys of joint statuses. */
export const jointKeys = {
  all: ['joint-statuses'] as const,
  list: (q: { roadmapId?: string; state?: JointState }) => ['joint-statuses', 'list', q] as const,
  one: (id: string | undefined) => ['joint-statuses', 'one', id] as const,
  ofMeasure: (measureId: string | undefined) => ['joint-statuses', 'measure', measureId] as const,
};

/** GET /joint-statuses (first 100, newest period first). */
export function useJointStatuses(q: { roadmapId?: string; state?: JointState }, enabled = true) {
  return useQuery({
    queryKey: jointKeys.list(q),
    queryFn: ({ signal }) =>
      api.get<{ data: JointStatus[]; total: number }>('/joint-statuses', {
        query: { ...q, limit: 100 },
        signal,
      }),
    enabled: enabled && !!q.roadmapId,
  });
}

/** GET /joint-statuses/:id with both parties' claims. */
export function useJointStatus(id: string | undefined) {
  return useQuery({
    queryKey: jointKeys.one(id),
    queryFn: ({ signal }) => api.get<JointStatusDetail>(`/joint-statuses/${id}`, { signal }),
    enabled: !!id,
  });
}

/** GET /measures/:id/joint-statuses. */
export function useMeasureJointStatuses(measureId: string | undefined) {
  return useQuery({
    queryKey: jointKeys.ofMeasure(measureId),
    queryFn: ({ signal }) =>
      api
        .get<{ data: JointStatus[] }>(`/measures/${measureId}/joint-statuses`, { signal })
        .then((r) => r.data),
    enabled: !!measureId,
  });
}

/** The body of a confirmation. */
export interface ConfirmInput {
  status: JointStatus['status'] & string;
  progress: number;
  dissent?: string;
}

/**
 * POST /joint-statuses/:id/confirm or /dissent. The answer goes into the cache; lists, the
 * measure (which may follow a confirmed status) and summaries are refetched.
 */
export function useJointAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v: { version: number } & ({ kind: 'confirm'; input: ConfirmInput } | { kind: 'dissent'; text: string }),
    ) =>
      v.kind === 'confirm'
        ? api.post<JointStatusDetail>(`/joint-statuses/${id}/confirm`, { version: v.version, ...v.input })
        : api.post<JointStatusDetail>(`/joint-statuses/${id}/dissent`, { version: v.version, text: v.text }),
    onSuccess: (saved) => {
      qc.setQueryData(jointKeys.one(id), saved);
      void qc.invalidateQueries({ queryKey: ['joint-statuses', 'list'] });
      void qc.invalidateQueries({ queryKey: jointKeys.ofMeasure(saved.measure.id) });
      void qc.invalidateQueries({ queryKey: ['measures'] });
      void qc.invalidateQueries({ queryKey: summaryKey });
    },
    onError: () => qc.invalidateQueries({ queryKey: jointKeys.one(id) }),
  });
}
