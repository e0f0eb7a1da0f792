/** Agreements and their provisions. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Agreement, Provision } from '../../contracts';
import { api, fetchAll, type QueryParams } from './client';

/** Every agreement matching the filter (all pages). */
export function useAgreements(query: QueryParams = {}) {
  return useQuery({
    queryKey: ['agreements', query],
    queryFn: ({ signal }) => fetchAll<Agreement>('/agreements', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** GET /agreements/:id. */
export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: ['agreement', id],
    queryFn: ({ signal }) => api.get<Agreement>(`/agreements/${id}`, { signal }),
    enabled: !!id,
  });
}

/** The query of an agreement's provisions, shared by the page and the measure form's choices. */
export const provisionsQuery = (agreementId: string | undefined) => ({
  queryKey: ['provisions', agreementId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    fetchAll<Provision>(`/agreements/${agreementId}/provisions`, {}, signal),
  enabled: !!agreementId,
});

/** Every provision of an agreement. */
export function useProvisions(agreementId: string | undefined) {
  return useQuery(provisionsQuery(agreementId));
}

/** Several provisions by id (a measure's), null where one is not available. */
export function useProvisionsByIds(ids: string[]) {
  return useQuery({
    queryKey: ['provisions', 'byIds', [...ids].sort()],
    queryFn: ({ signal }) =>
      Promise.all(
        ids.map((id) =>
          api.get<Provision>(`/provisions/${id}`, { signal }).catch(() => null as Provision | null),
        ),
      ),
    enabled: ids.length > 0,
  });
}
