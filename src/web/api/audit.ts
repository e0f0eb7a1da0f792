/** Audit events: a measure's history. */
import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../contracts';
import { api } from './client';
import { measureKeys } from './measures';

/**
 * An audit event as the web reads it: the API is adding the actor's name and organisation
 * (`actorName`, `actorOrganisationId`); until every server sends them they are optional.
 */
export type AuditEventView = AuditEvent & {
  actorName?: string | null;
  actorOrganisationId?: string | null;
};

/** GET /measures/:id/history. */
export function useMeasureHistory(id: string | undefined) {
  return useQuery({
    queryKey: measureKeys.history(id),
    queryFn: ({ signal }) => api.get<{ data: AuditEventView[] }>(`/measures/${id}/history`, { signal }),
    enabled: !!id,
  });
}
