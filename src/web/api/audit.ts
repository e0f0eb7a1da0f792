/** Audit events: a measure's history, the admin's audit page and the chain check. */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEvent, AuditVerification } from '../../contracts';
import { api, type Page, type QueryParams } from './client';
import { measureKeys } from './measures';

/** What the `after` of a measure update carries besides the changed fields. */
export const MEASURE_UPDATE_SOURCES = ['edit', 'bulk', 'report', 'import', 'decision'] as const;
/** Why a measure was changed, as its update event records it. */
export type MeasureUpdateSource = (typeof MEASURE_UPDATE_SOURCES)[number];

/**
 * GET /measures/:id/history, newest first. An event's `seq` may still be null (the chain is
 * sealed in the background): order as the API answers and key by `id`, never by `seq`.
 */
export function useMeasureHistory(id: string | undefined) {
  return useQuery({
    queryKey: measureKeys.history(id),
    queryFn: ({ signal }) => api.get<{ data: AuditEvent[] }>(`/measures/${id}/history`, { signal }),
    enabled: !!id,
  });
}

/** GET /audit: one page of the trail under the admin's filter, newest first. */
export function useAuditEvents(query: QueryParams) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/audit', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /audit/verify, run when asked (it recomputes the whole chain). */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
}
