/** Change requests: a coordinator asks, the secretariat accepts or declines. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeRequest } from '../../contracts';
import { api, type Page, type QueryParams } from './client';
import { decisionsChanged, measureKeys } from './measures';

export const changeRequestKeys = { list: (q: QueryParams) => ['change-requests', q] as const };

/** GET /change-requests with filters (the first 100). */
export function useChangeRequests(q: QueryParams, enabled = true) {
  return useQuery({
    queryKey: changeRequestKeys.list(q),
    queryFn: ({ signal }) =>
      api.get<Page<ChangeRequest>>('/change-requests', { query: { limit: 100, ...q }, signal }),
    enabled,
  });
}

export interface ChangeRequestInput {
  dueDate?: string;
  responsible?: { organisationId: string; role: 'lead' | 'co_executor' }[];
  reason: string;
}

/** POST /measures/:id/change-requests. */
export function useCreateChangeRequest(measureId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeRequestInput) =>
      api.post<ChangeRequest>(`/measures/${measureId}/change-requests`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['change-requests'] }),
  });
}

/**
 * POST /change-requests/:id/accept|decline; an accepted one changed its measure (and, citing a
 * commission decision, linked it).
 */
export function useDecideChangeRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { request: ChangeRequest; accept: boolean; reason?: string; decisionId?: string }) =>
      api.post<ChangeRequest>(
        `/change-requests/${v.request.id}/${v.accept ? 'accept' : 'decline'}`,
        v.accept
          ? { version: v.request.version, ...(v.decisionId ? { decisionId: v.decisionId } : {}) }
          : { version: v.request.version, reason: v.reason },
      ),
    onSuccess: (saved) => {
      decisionsChanged(qc, saved.decisionId);
      void qc.invalidateQueries({ queryKey: ['change-requests'] });
      if (saved.state === 'accepted') {
        void qc.invalidateQueries({ queryKey: measureKeys.lists });
        void qc.invalidateQueries({ queryKey: measureKeys.one(saved.measureId) });
      }
    },
  });
}
